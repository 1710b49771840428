"""Legitimate behaviour that looks like fraud, so detection is measured honestly.

- bursts of small real payments (a food court, parking, game top-ups):
  the shape of card testing, from the owner's own device, no failures;
- salary fan-outs: an organisation pays many staff on its pay day;
- rent splits: flatmates each send their share to one person the same day.

None of it is labelled: a rule that fires on it is a false positive.
"""

from __future__ import annotations

import numpy as np

from seeds_generator import codes, traits
from seeds_generator.behaviour.transactions import (
    day_bounds,
    empty_like_tx,
    external_pools,
    pick_owned,
)
from seeds_generator.config import Scenario
from seeds_generator.entities.population import SECOND, Columns, concat_columns
from seeds_generator.state import BankState

T = codes.TYPE


def _rows(
    state: BankState,
    rng,
    owner,
    from_idx,
    tx_type,
    amount,
    ts,
    internal=None,
    external=None,
    description=None,
) -> Columns:
    n = owner.size
    acc = state.accounts["account_id"]
    dev_idx = pick_owned(rng, state, "devices", owner, 1.0)
    order, offsets = state.owned("devices")
    has_dev = offsets[owner + 1] > offsets[owner]
    internal = np.full(n, -1) if internal is None else internal
    external = np.full(n, -1) if external is None else external
    desc = np.full(n, codes.DESCRIPTION["Chuyen tien"], dtype=np.int16)
    if description is not None:
        desc[:] = codes.DESCRIPTION[description]
    desc = np.where(
        tx_type == T["payment_goods_services"], codes.DESCRIPTION["Thanh toan QR"], desc
    )
    return {
        "customer_id": state.customers["customer_id"][owner],
        "from_account_id": acc[from_idx],
        "to_account_internal_id": np.where(internal >= 0, acc[np.maximum(internal, 0)], -1),
        "to_account_external_id": np.where(
            external >= 0,
            state.external_accounts["external_account_id"][np.maximum(external, 0)],
            -1,
        ),
        "device_id": np.where(has_dev, state.devices["device_id"][dev_idx], -1),
        "transaction_type": np.asarray(tx_type, dtype=np.int8),
        "channel": np.full(n, codes.CHANNEL["mobile_app"], dtype=np.int8),
        "amount": np.maximum(np.round(amount / 1_000) * 1_000, 1_000),
        "currency": np.zeros(n, dtype=np.int8),
        "merchant_category": np.where(
            tx_type == T["payment_goods_services"], rng.integers(0, len(codes.MCCS), n), -1
        ),
        "counterparty_country": np.full(n, -1),
        "description": desc,
        "transaction_ts": ts.astype("datetime64[s]"),
        "status": np.full(n, codes.STATUS["completed"], dtype=np.int8),
        **empty_like_tx(n),
    }


def _active(state: BankState, kind: str) -> np.ndarray:
    c = state.customers
    return np.flatnonzero((c["status"] == "active") & (c["customer_type"] == kind))


def bursts(s: Scenario, state: BankState, day: int, rng) -> Columns:
    people = _active(state, "individual")
    k = min(
        int(rng.poisson(s.fraud.lookalike_bursts * state.customers["customer_id"].size / 10_000)),
        people.size,
    )
    if k == 0:
        return {}
    who = rng.choice(people, k, replace=False)
    start, _ = day_bounds(s, day)
    begin = start + rng.integers(10 * 3_600, 21 * 3_600, k) * SECOND
    count = rng.integers(6, 30, k)
    case = np.repeat(np.arange(k), count)
    window = rng.uniform(8, 45, k) * 60
    ts = begin[case] + (rng.random(case.size) * window[case]).astype(np.int64) * SECOND
    amount = np.exp(rng.uniform(np.log(5_000), np.log(70_000), case.size))
    from_idx = pick_owned(rng, state, "bank_accounts", who, 1.0)[case]
    return _rows(
        state, rng, who[case], from_idx, np.full(case.size, T["payment_goods_services"]), amount, ts
    )


def salaries(s: Scenario, state: BankState, day: int, rng) -> Columns:
    """Organisations whose pay day (a stable trait, 1st-10th) is today pay staff."""
    if not s.fraud.salary_fan_outs:
        return {}
    start, _ = day_bounds(s, day)
    dom = int(str(start.astype("datetime64[D]"))[-2:])
    orgs = _active(state, "organization")
    pay_day = 1 + (
        traits.uniform(s.seed, "pay_day", state.customers["customer_id"][orgs]) * 10
    ).astype(int)
    payers = orgs[pay_day == dom]
    if payers.size == 0:
        return {}
    staff = rng.integers(5, 60, payers.size)
    case = np.repeat(np.arange(payers.size), staff)
    base = state.counters.opening_accounts
    internal_share = rng.random(case.size) < 0.6
    internal = np.where(internal_share, rng.integers(0, base, case.size), -1)
    pool = external_pools(state)["domestic"]
    external = np.where(internal_share, -1, pool[rng.integers(0, pool.size, case.size)])
    ts = (
        start
        + (
            8 * 3_600
            + rng.integers(0, 2 * 3_600, payers.size)[case]
            + rng.integers(0, 600, case.size)
        )
        * SECOND
    )
    amount = np.exp(rng.normal(np.log(11_000_000), 0.45, case.size))
    from_idx = pick_owned(rng, state, "bank_accounts", payers, 1.0)[case]
    tx_type = np.where(
        internal_share, T["transfer_same_bank_diff_owner"], T["transfer_interbank_domestic"]
    )
    out = _rows(
        state,
        rng,
        payers[case],
        from_idx,
        tx_type,
        amount,
        ts,
        internal,
        external,
        "Tra luong thang",
    )
    out["channel"][:] = codes.CHANNEL["internet_banking"]
    return out


def rent_splits(s: Scenario, state: BankState, day: int, rng) -> Columns:
    people = _active(state, "individual")
    k = min(
        int(
            rng.poisson(
                s.fraud.lookalike_rent_splits * state.customers["customer_id"].size / 10_000
            )
        ),
        people.size // 6,
    )
    if k == 0:
        return {}
    mates = rng.integers(2, 6, k)
    chosen = rng.choice(people, int(k + mates.sum()), replace=False)
    landlord = chosen[:k]
    payers = chosen[k:]
    case = np.repeat(np.arange(k), mates)
    start, _ = day_bounds(s, day)
    ts = start + rng.integers(7 * 3_600, 23 * 3_600, case.size) * SECOND
    amount = rng.uniform(1_500_000, 4_500_000, k)[case] * rng.uniform(0.95, 1.05, case.size)
    to = pick_owned(rng, state, "bank_accounts", landlord, 1.0)[case]
    from_idx = pick_owned(rng, state, "bank_accounts", payers, 1.0)
    return _rows(
        state,
        rng,
        payers,
        from_idx,
        np.full(case.size, T["transfer_same_bank_diff_owner"]),
        amount,
        ts,
        internal=to,
        description="Chia tien thue nha",
    )


def day(s: Scenario, state: BankState, day_index: int, rng) -> Columns:
    return concat_columns([f(s, state, day_index, rng) for f in (bursts, salaries, rent_splits)])
