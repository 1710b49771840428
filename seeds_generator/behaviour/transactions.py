"""Normal customer activity: payments, transfers, e-wallet moves, inquiries.

One call draws every ordinary transaction of one simulated day at once:
counts from per-customer activity (Pareto-like), timestamps from the hourly
and weekday profiles, amounts from per-type lognormals with round-number
bumps, payees from a few stable slots per customer. There is no Python loop
per transaction. Columns carry integer codes (``seeds_generator.codes``).
"""

from __future__ import annotations

import numpy as np

from seeds_generator import codes, traits
from seeds_generator.config import Scenario
from seeds_generator.entities import vietnam as vn
from seeds_generator.entities.population import Columns, to_datetime64
from seeds_generator.rng import weighted_index
from seeds_generator.state import BankState

T = codes.TYPE
CH = codes.CHANNEL
N_TYPES = len(codes.TYPES) - 1  # contract types only
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
LOW_TYPES = (T["inquiry"], T["transfer_same_bank_same_owner"])


def day_bounds(s: Scenario, day: int) -> tuple[np.datetime64, np.datetime64]:
    start = to_datetime64(s.start_date) + np.timedelta64(day * 86_400, "s")
    return start, start + np.timedelta64(86_400, "s")


def day_weight(s: Scenario, day: int) -> float:
    """Weekday profile times any special-day multiplier (a Black Friday)."""
    start, _ = day_bounds(s, day)
    date = start.astype("datetime64[D]")
    weekday = int((date.view(np.int64) + 3) % 7)  # 1970-01-01 was a Thursday
    profile = np.asarray(s.activity.weekday_profile, dtype=float)
    mult = s.activity.day_multipliers.get(str(date), 1.0)
    return float(profile[weekday] / profile.mean() * mult)


def amounts(
    rng: np.random.Generator, s: Scenario, tx_type: np.ndarray, is_org: np.ndarray
) -> np.ndarray:
    """Lognormal amounts per type, whole thousands of VND, some snapped round."""
    n = tx_type.size
    median = np.zeros(n)
    sigma = np.zeros(n)
    for name, dist in s.activity.amounts.items():  # nine types, not one per row
        mask = tx_type == T[name]
        median[mask] = dist.median
        sigma[mask] = dist.sigma
    median = np.where(is_org, median * s.activity.organization_amount_factor, median)
    raw = median * np.exp(sigma * rng.standard_normal(n))
    step = ROUND_STEPS[np.clip(np.searchsorted(ROUND_STEPS, raw / 4) - 1, 0, None)]
    snapped = np.maximum(np.round(raw / step) * step, step)
    amount = np.where(
        rng.random(n) < s.activity.round_amount_share, snapped, np.round(raw / 1_000) * 1_000
    )
    amount = np.clip(amount, 1_000, 50_000_000_000)
    return np.where(tx_type == T["inquiry"], 0.0, amount)


def channels(
    rng: np.random.Generator, s: Scenario, tx_type: np.ndarray, is_org: np.ndarray
) -> np.ndarray:
    mix = s.activity.channel_mix
    chan = weighted_index(rng, [mix.get(c, 0.0) for c in codes.CHANNEL_CODES[:4]], tx_type.size)
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
    chan = np.where((chan == CH["pos"]) & ~card_ok, CH["mobile_app"], chan)
    chan = np.where((chan == CH["atm"]) & ~atm_ok, CH["mobile_app"], chan)
    # organisations bank online, from their computers
    org_online = is_org & (np.isin(chan, [CH["atm"], CH["pos"]]) | (rng.random(chan.size) < 0.7))
    return np.where(org_online, CH["internet_banking"], chan).astype(np.int8)


def payee_slot(owner: np.ndarray, slot: np.ndarray, pool_size: int, salt: int) -> np.ndarray:
    """Index of a customer's regular payee number ``slot`` in a pool."""
    return (owner.astype(np.int64) * 7_919 + slot * 104_729 + salt) % max(pool_size, 1)


def external_pools(state: BankState) -> dict[str, np.ndarray]:
    """Other-bank accounts by kind (static for a load, so computed once)."""
    cached = state._index_cache.get("external_pools")
    if cached is not None:
        return cached
    ext_bank = state.external_accounts["bank_id"]
    code = state.banks["bank_code"][ext_bank - 1]
    foreign = ~state.banks["is_domestic"][ext_bank - 1]
    wallet = np.isin(code, vn.EWALLET_BANK_CODES)
    pools = {
        "domestic": np.flatnonzero(~foreign & ~wallet),
        "wallet": np.flatnonzero(wallet),
        "foreign": np.flatnonzero(foreign),
    }
    state._index_cache["external_pools"] = pools
    return pools


EXTERNAL_KIND = {
    T["transfer_interbank_domestic"]: "domestic",
    T["ewallet_topup"]: "wallet",
    T["ewallet_withdrawal"]: "wallet",
    T["ewallet_transfer"]: "wallet",
    T["transfer_interbank_international"]: "foreign",
}


def counterparties(
    state: BankState,
    owner: np.ndarray,
    from_idx: np.ndarray,
    tx_type: np.ndarray,
    slot: np.ndarray,
    base_accounts: int,
) -> tuple[np.ndarray, np.ndarray]:
    """(internal account index, external account index), -1 where none."""
    n = owner.size
    order, offsets = state.owned("bank_accounts")
    count = offsets[owner + 1] - offsets[owner]
    # own transfer: the customer's next account after the paying one
    rank = _rank_within(state, owner, from_idx)
    own_next = order[offsets[owner] + (rank + 1) % np.maximum(count, 1)]
    other = payee_slot(owner, slot, base_accounts, 17)
    other = np.where(other == from_idx, (other + 1) % max(base_accounts, 1), other)
    internal = np.select(
        [
            tx_type == T["transfer_same_bank_same_owner"],
            tx_type == T["transfer_same_bank_diff_owner"],
        ],
        [own_next, other],
        -1,
    )
    external = np.full(n, -1, dtype=np.int64)
    pools = external_pools(state)
    for type_code, kind in EXTERNAL_KIND.items():
        mask = tx_type == type_code
        pool = pools[kind]
        external[mask] = pool[payee_slot(owner[mask], slot[mask], pool.size, 31)]
    return internal.astype(np.int64), external


def _rank_within(state: BankState, owner: np.ndarray, account_idx: np.ndarray) -> np.ndarray:
    """Position of each account among its owner's accounts (0 = oldest)."""
    order, offsets = state.owned("bank_accounts")
    inverse = np.empty_like(order)
    inverse[order] = np.arange(order.size)
    return inverse[account_idx] - offsets[owner]


def pick_owned(
    rng: np.random.Generator, state: BankState, table: str, owner: np.ndarray, main_share: float
) -> np.ndarray:
    """Row index of one account / device per owner: the main one with ``main_share``."""
    order, offsets = state.owned(table)
    count = offsets[owner + 1] - offsets[owner]
    other = (rng.random(owner.size) * count).astype(np.int64)
    pick = np.where(rng.random(owner.size) < main_share, 0, other)
    return order[offsets[owner] + np.minimum(pick, np.maximum(count - 1, 0))]


def empty_like_tx(n: int) -> Columns:
    """Helper columns every transaction row carries (defaults: ordinary)."""
    return {
        "_failed_attempts": np.zeros(n, dtype=np.int8),
        "_level_shift": np.zeros(n, dtype=np.int8),
        "_force_bio": np.zeros(n, dtype=bool),
        "_login_failures": np.full(n, -1, dtype=np.int8),  # -1: no login generated
        "_foreign_ip": np.zeros(n, dtype=bool),
        "_case_id": np.full(n, -1, dtype=np.int64),
        "_typology": np.full(n, -1, dtype=np.int8),
        "_role": np.full(n, -1, dtype=np.int8),
    }


def activity_weights(s: Scenario, state: BankState, day: int) -> np.ndarray:
    """Expected ordinary transactions of each customer on ``day``."""
    cust = state.customers
    is_org = cust["customer_type"] == "organization"
    _, end = day_bounds(s, day)
    rate = np.where(
        is_org,
        s.activity.transactions_per_organization_day,
        s.activity.transactions_per_individual_day,
    )
    status_factor = np.select(
        [cust["status"] == "active", cust["status"] == "inactive"], [1.0, 0.03], 0.0
    )
    activity = traits.pareto_activity(s.seed, cust["customer_id"], s.activity.activity_pareto_shape)
    # Pareto(shape) + 1 capped at 50 has a mean near 2.6 for the default shape
    weight = activity / 2.6 * rate * status_factor * (cust["registration_date"] < end)
    return weight * day_weight(s, day)


def expected_daily_transactions(s: Scenario, state: BankState, day: int) -> float:
    return float(activity_weights(s, state, day).sum())


def normal_day(s: Scenario, state: BankState, day: int, rng: np.random.Generator) -> Columns:
    """Every ordinary transaction of simulated day ``day``."""
    cust = state.customers
    ids = cust["customer_id"]
    is_org_c = cust["customer_type"] == "organization"
    start, _ = day_bounds(s, day)
    weight = activity_weights(s, state, day)
    # each customer's count is Poisson: O(customers + transactions)
    owner = np.repeat(np.arange(weight.size), rng.poisson(weight))
    n = owner.size
    if n == 0:
        return {}

    hour = weighted_index(rng, s.activity.hourly_profile, n)
    ts = start + (hour * 3_600 + rng.integers(0, 3_600, n)) * np.timedelta64(1, "s")
    is_org = is_org_c[owner]
    mix_i = [s.activity.type_mix_individual.get(t, 0.0) for t in codes.TYPES[:N_TYPES]]
    mix_o = [s.activity.type_mix_organization.get(t, 0.0) for t in codes.TYPES[:N_TYPES]]
    tx_type = np.where(is_org, weighted_index(rng, mix_o, n), weighted_index(rng, mix_i, n))
    order, offsets = state.owned("bank_accounts")
    n_accounts = offsets[owner + 1] - offsets[owner]
    # a transfer between one's own accounts needs a second account
    tx_type = np.where(
        (tx_type == T["transfer_same_bank_same_owner"]) & (n_accounts < 2),
        T["transfer_same_bank_diff_owner"],
        tx_type,
    ).astype(np.int8)

    from_idx = pick_owned(rng, state, "bank_accounts", owner, 0.8)
    slot = np.minimum(rng.geometric(0.35, n) - 1, 11)  # a few regular payees each
    base_accounts = state.counters.opening_accounts
    internal, external = counterparties(state, owner, from_idx, tx_type, slot, base_accounts)

    chan = channels(rng, s, tx_type, is_org)
    card_present = np.isin(chan, [CH["atm"], CH["pos"]])
    dev_idx = pick_owned(rng, state, "devices", owner, 1.0 - s.population.device_switch_share)
    dev_idx = np.where(card_present, -1, dev_idx)

    amount = amounts(rng, s, tx_type, is_org)
    st = s.activity.status_mix
    status = weighted_index(rng, [st.get(k, 0.0) for k in codes.STATUSES[:4]], n).astype(np.int8)
    acc_status = state.accounts["status"][from_idx]
    blocked = (acc_status != "active") & (rng.random(n) < 0.8)
    status = np.where(blocked, codes.STATUS["failed"], status).astype(np.int8)

    keep = ts >= state.accounts["opened_at"][from_idx]
    ext_bank = state.external_accounts["bank_id"][np.maximum(external, 0)]
    country = np.array([codes.COUNTRY[b[4]] for b in vn.BANKS])[ext_bank - 1]
    mcc = weighted_index(rng, [w for _, w in vn.MERCHANT_CATEGORIES], n)
    choice = rng.random(n)
    desc = np.zeros(n, dtype=np.int16)
    for code, options in enumerate(codes.DESCRIPTION_CHOICES[:N_TYPES]):
        mask = tx_type == code
        desc[mask] = options[(choice[mask] * options.size).astype(np.int64)]

    acc_ids = state.accounts["account_id"]
    out: Columns = {
        "customer_id": ids[owner],
        "from_account_id": acc_ids[from_idx],
        "to_account_internal_id": np.where(internal >= 0, acc_ids[np.maximum(internal, 0)], -1),
        "to_account_external_id": np.where(
            external >= 0,
            state.external_accounts["external_account_id"][np.maximum(external, 0)],
            -1,
        ),
        "device_id": np.where(dev_idx >= 0, state.devices["device_id"][np.maximum(dev_idx, 0)], -1),
        "transaction_type": tx_type,
        "channel": chan,
        "amount": amount,
        "currency": np.zeros(n, dtype=np.int8),
        "merchant_category": np.where(tx_type == T["payment_goods_services"], mcc, -1),
        "counterparty_country": np.where(
            tx_type == T["transfer_interbank_international"], country, -1
        ),
        "description": desc,
        "transaction_ts": ts,
        "status": status,
        **empty_like_tx(n),
    }
    return {k: v[keep] for k, v in out.items()}
