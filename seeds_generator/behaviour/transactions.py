"""Normal customer activity: payments, transfers, e-wallet moves, inquiries.

One call draws every transaction of a range of simulated days at once:
counts from per-customer activity, timestamps from the hourly and weekday
profiles, amounts from per-type lognormals with round-number bumps. There is
no Python loop per transaction.
"""

from __future__ import annotations

import numpy as np

from seeds_generator.config import Scenario
from seeds_generator.contract import CHANNELS, TRANSACTION_TYPES
from seeds_generator.entities import vietnam as vn
from seeds_generator.entities.population import DAY, SECOND, Columns, Population, to_datetime64
from seeds_generator.rng import weighted_index

TYPES = np.array(TRANSACTION_TYPES, dtype=object)
T = {name: i for i, name in enumerate(TRANSACTION_TYPES)}
ROUND_STEPS = np.array(
    [
        10_000,
        50_000,
        100_000,
        200_000,
        500_000,
        1_000_000,
        2_000_000,
        5_000_000,
        10_000_000,
        20_000_000,
        50_000_000,
        100_000_000,
        200_000_000,
        500_000_000,
    ]
)

DESCRIPTIONS: dict[str, tuple[str, ...]] = {
    "inquiry": ("Van tin so du", "Tra cuu giao dich"),
    "transfer_same_bank_same_owner": ("Chuyen tien tiet kiem", "Chuyen sang tai khoan phu"),
    "transfer_same_bank_diff_owner": (
        "Chuyen tien",
        "Tra tien nha",
        "Gui tien me",
        "Tra no",
        "Chia tien an",
    ),
    "transfer_interbank_domestic": (
        "Chuyen khoan lien ngan hang",
        "Thanh toan hoa don",
        "Tra tien hang",
        "Chuyen tien",
    ),
    "transfer_interbank_international": (
        "Chuyen tien quoc te",
        "Hoc phi du hoc",
        "Thanh toan nha cung cap",
    ),
    "payment_goods_services": ("Thanh toan QR", "Thanh toan the", "Mua hang online"),
    "ewallet_topup": ("Nap tien vi", "Nap vi dien tu"),
    "ewallet_withdrawal": ("Rut tien tu vi",),
    "ewallet_transfer": ("Chuyen tien vi", "Thanh toan qua vi"),
}


def _pick_within(
    rng: np.random.Generator, offsets: np.ndarray, owner: np.ndarray, primary_share: float
) -> np.ndarray:
    """Index of one item of each owner: the first with ``primary_share``."""
    count = offsets[owner + 1] - offsets[owner]
    other = (rng.random(owner.size) * count).astype(np.int64)
    pick = np.where(rng.random(owner.size) < primary_share, 0, other)
    return offsets[owner] + pick


def _amounts(
    rng: np.random.Generator, s: Scenario, tx_type: np.ndarray, is_org: np.ndarray
) -> np.ndarray:
    n = tx_type.size
    median = np.zeros(n)
    sigma = np.zeros(n)
    for name, dist in s.activity.amounts.items():  # nine types, not one per row
        mask = tx_type == T[name]
        median[mask] = dist.median
        sigma[mask] = dist.sigma
    median = np.where(is_org, median * 12.0, median)
    raw = median * np.exp(sigma * rng.standard_normal(n))
    # round-number bumps: snap some amounts to the nearest "nice" step
    step = ROUND_STEPS[np.clip(np.searchsorted(ROUND_STEPS, raw / 4) - 1, 0, None)]
    snapped = np.maximum(np.round(raw / step) * step, step)
    amount = np.where(
        rng.random(n) < s.activity.round_amount_share, snapped, np.round(raw / 1_000) * 1_000
    )
    amount = np.clip(amount, 1_000, 50_000_000_000)
    return np.where(tx_type == T["inquiry"], 0.0, amount)


def _channels(
    rng: np.random.Generator, s: Scenario, tx_type: np.ndarray, is_org: np.ndarray
) -> np.ndarray:
    mix = s.activity.channel_mix
    chan = weighted_index(rng, [mix.get(c, 0.0) for c in CHANNELS], tx_type.size)
    ch = {name: i for i, name in enumerate(CHANNELS)}
    card_ok = tx_type == T["payment_goods_services"]
    atm_ok = np.isin(
        tx_type,
        [
            T["inquiry"],
            T["transfer_same_bank_same_owner"],
            T["transfer_same_bank_diff_owner"],
            T["transfer_interbank_domestic"],
        ],
    )
    chan = np.where((chan == ch["pos"]) & ~card_ok, ch["mobile_app"], chan)
    chan = np.where((chan == ch["atm"]) & ~atm_ok, ch["mobile_app"], chan)
    # organisations bank online, from their computers
    chan = np.where(is_org & np.isin(chan, [ch["atm"], ch["pos"]]), ch["internet_banking"], chan)
    chan = np.where(is_org & (rng.random(tx_type.size) < 0.7), ch["internet_banking"], chan)
    return np.array(CHANNELS, dtype=object)[chan]


def _payee(owner: np.ndarray, slot: np.ndarray, pool: np.ndarray, salt: int) -> np.ndarray:
    """A customer's regular payees: a few fixed slots per customer in ``pool``."""
    return pool[(owner * 7_919 + slot * 104_729 + salt) % pool.size]


def generate_transactions(
    s: Scenario, pop: Population, rng: np.random.Generator, day_from: int, day_to: int
) -> Columns:
    """Every normal transaction of simulated days ``day_from`` .. ``day_to - 1``."""
    cust = pop.customers
    is_org_c = cust["customer_type"] == "organization"
    rate = np.where(
        is_org_c,
        s.activity.transactions_per_organization_day,
        s.activity.transactions_per_individual_day,
    )
    weight = pop.activity_weight / pop.activity_weight.mean() * rate
    days = np.arange(day_from, day_to)
    start = to_datetime64(s.start_date)
    weekday = ((start + days * DAY).astype("datetime64[D]").view(np.int64) - 4) % 7  # Mon=0
    day_weight = np.asarray(s.activity.weekday_profile)[weekday]
    day_weight = day_weight / np.mean(s.activity.weekday_profile)
    n = int(rng.poisson(weight.sum() * day_weight.sum()))

    owner = weighted_index(rng, weight, n)
    day = days[weighted_index(rng, day_weight, n)]
    hour = weighted_index(rng, s.activity.hourly_profile, n)
    secs = day * 86_400 + hour * 3_600 + rng.integers(0, 3_600, n)
    ts = start + secs * SECOND
    is_org = is_org_c[owner]

    mix_i = [s.activity.type_mix_individual.get(t, 0.0) for t in TRANSACTION_TYPES]
    mix_o = [s.activity.type_mix_organization.get(t, 0.0) for t in TRANSACTION_TYPES]
    tx_type = np.where(is_org, weighted_index(rng, mix_o, n), weighted_index(rng, mix_i, n))
    n_accounts = pop.account_offsets[owner + 1] - pop.account_offsets[owner]
    # a transfer between one's own accounts needs a second account
    tx_type = np.where(
        (tx_type == T["transfer_same_bank_same_owner"]) & (n_accounts < 2),
        T["transfer_same_bank_diff_owner"],
        tx_type,
    )

    from_idx = _pick_within(rng, pop.account_offsets, owner, 0.8)
    # own transfer: the next account of the same customer
    own_next = pop.account_offsets[owner] + (
        (from_idx - pop.account_offsets[owner] + 1) % np.maximum(n_accounts, 1)
    )
    slot = np.minimum(rng.geometric(0.35, n) - 1, 11)  # a few regular payees each
    n_acc = pop.accounts["account_id"].size
    other_idx = _payee(owner, slot, np.arange(n_acc), 17)
    other_idx = np.where(other_idx == from_idx, (other_idx + 1) % n_acc, other_idx)
    internal = np.where(
        tx_type == T["transfer_same_bank_same_owner"],
        own_next,
        np.where(tx_type == T["transfer_same_bank_diff_owner"], other_idx, -1),
    )

    ext_bank = pop.external_accounts["bank_id"]
    bank_codes = pop.banks["bank_code"]
    code_of_ext = bank_codes[ext_bank - 1]
    foreign = ~pop.banks["is_domestic"][ext_bank - 1]
    wallet = np.isin(code_of_ext, vn.EWALLET_BANK_CODES)
    pools = {
        "domestic": np.flatnonzero(~foreign & ~wallet),
        "wallet": np.flatnonzero(wallet),
        "foreign": np.flatnonzero(foreign),
    }
    ext_idx = np.full(n, -1, dtype=np.int64)
    for kind, types in (
        ("domestic", ["transfer_interbank_domestic"]),
        ("wallet", ["ewallet_topup", "ewallet_withdrawal", "ewallet_transfer"]),
        ("foreign", ["transfer_interbank_international"]),
    ):
        mask = np.isin(tx_type, [T[t] for t in types])
        ext_idx[mask] = _payee(owner[mask], slot[mask], pools[kind], 31)

    channel = _channels(rng, s, tx_type, is_org)
    card_present = np.isin(channel, ["atm", "pos"])
    dev_idx = _pick_within(rng, pop.device_offsets, owner, 1.0 - s.population.device_switch_share)

    amount = _amounts(rng, s, tx_type, is_org)
    st = s.activity.status_mix
    status_names = ("completed", "failed", "pending", "cancelled")
    status = np.array(status_names, dtype=object)[
        weighted_index(rng, [st.get(k, 0.0) for k in status_names], n)
    ]

    # no activity before the source account was opened
    keep = ts >= pop.accounts["opened_at"][from_idx]
    is_payment = tx_type == T["payment_goods_services"]
    mcc_codes = np.array([c for c, _ in vn.MERCHANT_CATEGORIES], dtype=object)
    mcc = mcc_codes[weighted_index(rng, [w for _, w in vn.MERCHANT_CATEGORIES], n)]
    desc = np.empty(n, dtype=object)
    for name, options in DESCRIPTIONS.items():  # nine types, not one per row
        mask = tx_type == T[name]
        desc[mask] = np.array(options, dtype=object)[rng.integers(0, len(options), mask.sum())]
    country_of_bank = np.array([b[4] for b in vn.BANKS], dtype=object)
    intl = tx_type == T["transfer_interbank_international"]
    cp_country = np.where(intl, country_of_bank[ext_bank[np.maximum(ext_idx, 0)] - 1], None)

    acc_ids = pop.accounts["account_id"]
    out: Columns = {
        "customer_id": cust["customer_id"][owner],
        "from_account_id": acc_ids[from_idx],
        "to_account_internal_id": np.where(internal >= 0, acc_ids[np.maximum(internal, 0)], -1),
        "to_account_external_id": np.where(
            ext_idx >= 0, pop.external_accounts["external_account_id"][np.maximum(ext_idx, 0)], -1
        ),
        "device_id": np.where(card_present, -1, pop.devices["device_id"][dev_idx]),
        "transaction_type": TYPES[tx_type],
        "channel": channel,
        "amount": amount,
        "currency": np.full(n, "VND", dtype=object),
        "merchant_category": np.where(is_payment, mcc, None),
        "counterparty_country": cp_country,
        "description": desc,
        "transaction_ts": ts,
        "status": status,
        # helpers for the authentication generator (not landed)
        "_is_org": is_org,
        "_owner_idx": owner,
        "_device_idx": np.where(card_present, -1, dev_idx),
        "_is_primary_device": dev_idx == pop.device_offsets[owner],
    }
    order = np.lexsort((out["from_account_id"], ts))
    order = order[keep[order]]
    return {k: v[order] for k, v in out.items()}
