"""Day-to-day changes of the customer base, as a core system records them.

Each simulated day some people join (with an account and a device), some
customers register a new phone or open another account, and some customers,
accounts and devices change status or trust, with ``updated_at`` moved
forward. Rows that already carry a data-quality defect in ``raw`` are left
alone, so the defect ground truth stays true.
"""

from __future__ import annotations

import numpy as np

from seeds_generator.config import Scenario
from seeds_generator.entities.population import (
    SECOND,
    _choice,
    new_accounts,
    new_customers,
    new_devices,
)
from seeds_generator.state import BankState


def _times(rng: np.random.Generator, day_start: np.datetime64, n: int) -> np.ndarray:
    """Office-hours-ish times of the day (07:00-22:00)."""
    return day_start + rng.integers(7 * 3_600, 22 * 3_600, n) * SECOND


def onboard(
    rng: np.random.Generator,
    s: Scenario,
    state: BankState,
    day_start: np.datetime64,
    n: int,
    is_org: np.ndarray | None = None,
) -> np.ndarray:
    """``n`` new customers with one account and one device each; their row indexes."""
    if n == 0:
        return np.zeros(0, dtype=np.int64)
    if is_org is None:
        is_org = rng.random(n) < s.population.organization_share
    registered = np.sort(_times(rng, day_start, n))
    ids = state.counters.take("customer_id", n)
    state.append("customers", new_customers(rng, s, ids, registered, is_org))
    opened = registered + rng.integers(60, 1_800, n) * SECOND
    acc_ids = state.counters.take("account_id", n)
    state.append("bank_accounts", new_accounts(rng, acc_ids, ids, is_org, np.ones(n, bool), opened))
    dev_ids = state.counters.take("device_id", n)
    state.append(
        "devices",
        new_devices(rng, dev_ids, ids, is_org, registered + rng.integers(0, 600, n) * SECOND),
    )
    return state.customer_idx(ids)


def add_devices(
    rng: np.random.Generator, state: BankState, owner_idx: np.ndarray, first_seen: np.ndarray
) -> np.ndarray:
    """New devices for existing customers; their row indexes."""
    n = owner_idx.size
    if n == 0:
        return np.zeros(0, dtype=np.int64)
    ids = state.counters.take("device_id", n)
    cust = state.customers
    is_org = cust["customer_type"][owner_idx] == "organization"
    state.append(
        "devices", new_devices(rng, ids, cust["customer_id"][owner_idx], is_org, first_seen)
    )
    return state.device_idx(ids)


def add_accounts(
    rng: np.random.Generator, state: BankState, owner_idx: np.ndarray, opened: np.ndarray
) -> np.ndarray:
    """New (additional) accounts for existing customers; their row indexes."""
    n = owner_idx.size
    if n == 0:
        return np.zeros(0, dtype=np.int64)
    ids = state.counters.take("account_id", n)
    cust = state.customers
    is_org = cust["customer_type"][owner_idx] == "organization"
    state.append(
        "bank_accounts",
        new_accounts(rng, ids, cust["customer_id"][owner_idx], is_org, np.zeros(n, bool), opened),
    )
    return state.account_idx(ids)


def _change(
    rng: np.random.Generator,
    state: BankState,
    table: str,
    rate: float,
    day_start: np.datetime64,
    column: str,
    options,
    weights,
) -> None:
    cols = state.entity(table)
    n = cols[column].size
    k = int(rng.poisson(rate * n))
    if k == 0:
        return
    idx = rng.choice(n, size=min(k, n), replace=False)
    idx = idx[~state.defective[table][idx]]
    new = _choice(rng, options, idx.size, weights)
    changed = idx[new != cols[column][idx]]
    cols[column][changed] = new[new != cols[column][idx]]
    when = _times(rng, day_start, changed.size)
    cols["updated_at"][changed] = np.maximum(cols["updated_at"][changed], when)
    state.mark_touched(table, changed)


def run_day(
    rng: np.random.Generator, s: Scenario, state: BankState, day_start: np.datetime64
) -> None:
    life = s.lifecycle
    n_open = s.population.customers
    onboard(rng, s, state, day_start, int(rng.poisson(life.onboarding_per_day * n_open)))

    n_cust = state.customers["customer_id"].size
    active = np.flatnonzero(state.customers["status"] == "active")
    k = min(int(rng.poisson(life.new_device_per_day * n_cust)), active.size)
    owners = rng.choice(active, size=k, replace=False) if k else active[:0]
    add_devices(rng, state, np.sort(owners), _times(rng, day_start, k))
    k = min(int(rng.poisson(life.new_account_per_day * n_cust)), active.size)
    owners = rng.choice(active, size=k, replace=False) if k else active[:0]
    add_accounts(rng, state, np.sort(owners), _times(rng, day_start, k))

    rate = life.status_change_per_day
    _change(
        rng,
        state,
        "customers",
        rate,
        day_start,
        "status",
        ("active", "inactive", "suspended"),
        (0.5, 0.4, 0.1),
    )
    _change(
        rng,
        state,
        "bank_accounts",
        rate,
        day_start,
        "status",
        ("active", "inactive", "frozen"),
        (0.5, 0.3, 0.2),
    )
    _change(
        rng,
        state,
        "devices",
        rate,
        day_start,
        "status",
        ("active", "blocked", "suspicious"),
        (0.5, 0.2, 0.3),
    )
    devices = state.devices
    devices["is_trusted"] = devices["is_trusted"] & (devices["status"] == "active")
    _flip_trust(rng, state, rate, day_start)


def _flip_trust(
    rng: np.random.Generator, state: BankState, rate: float, day_start: np.datetime64
) -> None:
    """Some active devices become trusted (after use) or lose trust."""
    d = state.devices
    n = d["device_id"].size
    k = min(int(rng.poisson(rate * n)), n)
    idx = rng.choice(n, size=k, replace=False) if k else np.zeros(0, dtype=np.int64)
    idx = idx[(d["status"][idx] == "active") & ~state.defective["devices"][idx]]
    d["is_trusted"][idx] = ~d["is_trusted"][idx]
    d["updated_at"][idx] = np.maximum(d["updated_at"][idx], _times(rng, day_start, idx.size))
    state.mark_touched("devices", idx)
