"""Customers, their accounts and devices, other banks and their customers.

Everything is drawn column-wise with numpy; the result is a dict of columns
per raw table (see ``seeds_generator.contract``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np

from seeds_generator.config import Scenario
from seeds_generator.entities import identity
from seeds_generator.entities import vietnam as vn
from seeds_generator.rng import child_rng, scatter_unique

Columns = dict[str, np.ndarray]

CUSTOMER_ID_BASE = 100_000
ACCOUNT_ID_BASE = 200_000_000
DEVICE_ID_BASE = 300_000_000
COUNTERPARTY_ID_BASE = 400_000_000
EXTERNAL_ACCOUNT_ID_BASE = 500_000_000

SECOND = np.timedelta64(1, "s")
DAY = np.timedelta64(86_400, "s")


def to_datetime64(day: dt.date) -> np.datetime64:
    return np.datetime64(day.isoformat(), "s")


@dataclass
class Population:
    banks: Columns
    customers: Columns
    accounts: Columns
    devices: Columns
    counterparties: Columns
    external_accounts: Columns
    # helpers for the behaviour generators
    account_offsets: np.ndarray  # accounts of customer i: offsets[i]:offsets[i+1]
    device_offsets: np.ndarray
    activity_weight: np.ndarray  # relative transaction rate per customer


def _counts(
    rng: np.random.Generator,
    is_org: np.ndarray,
    p_ind: float,
    p_org: float,
    max_ind: int,
    max_org: int,
) -> np.ndarray:
    """1..max items per customer, geometric (most have one)."""
    ind = np.minimum(rng.geometric(p_ind, is_org.size), max_ind)
    org = np.minimum(rng.geometric(p_org, is_org.size), max_org)
    return np.where(is_org, org, ind)


def _offsets(counts: np.ndarray) -> np.ndarray:
    return np.concatenate([[0], np.cumsum(counts)]).astype(np.int64)


def build_banks() -> Columns:
    return {
        "bank_id": np.arange(1, len(vn.BANKS) + 1, dtype=np.int32),
        "bank_code": np.array([b[0] for b in vn.BANKS], dtype=object),
        "bank_name": np.array([b[1] for b in vn.BANKS], dtype=object),
        "is_domestic": np.array([b[2] for b in vn.BANKS]),
        "is_self": np.array([b[3] for b in vn.BANKS]),
    }


def build_customers(s: Scenario) -> tuple[Columns, np.ndarray]:
    rng = child_rng(s.seed, "customers")
    n = s.population.customers
    start = to_datetime64(s.start_date)
    ids = CUSTOMER_ID_BASE + np.arange(1, n + 1, dtype=np.int64)
    is_org = rng.random(n) < s.population.organization_share
    is_female = (rng.random(n) < 0.5) & ~is_org

    # individuals are 18 to 75 on the first simulated day
    age_days = rng.integers(18 * 365 + 5, 75 * 365, n)
    dob = (start - age_days * DAY).astype("datetime64[D]")
    birth_year = dob.astype("datetime64[Y]").astype(np.int64) + 1970

    province = identity.province_codes(rng, n)
    # the CCCD carries the birth province: mostly where the customer lives
    birth_province = np.where(rng.random(n) < 0.75, province, identity.province_codes(rng, n))
    national_id = identity.national_ids(rng, birth_province, birth_year, is_female)
    tax_code = identity.tax_codes(rng, n)
    has_tax_code = is_org | (rng.random(n) < 0.15)

    names = np.where(is_org, identity.company_names(rng, n), identity.person_names(rng, is_female))
    history = max(s.population.history_years * 365, 1)
    registered = start - rng.integers(1, history * 86_400, n) * SECOND
    # a few customers join during the simulated period
    joins_now = rng.random(n) < 0.03
    registered = np.where(
        joins_now, start + rng.integers(0, s.days * 86_400, n) * SECOND, registered
    )
    status = np.array(["active", "inactive", "suspended"], dtype=object)[
        rng.choice(3, n, p=[0.96, 0.03, 0.01])
    ]
    updated = registered + rng.integers(0, 400 * 86_400, n) * SECOND
    updated = np.minimum(updated, np.maximum(registered, start))

    # Pareto-like activity: a few customers do much of the volume
    activity = rng.pareto(s.activity.activity_pareto_shape, n) + 1.0
    activity = np.minimum(activity, 50.0)
    activity *= np.where(status == "active", 1.0, 0.03)

    customers: Columns = {
        "customer_id": ids,
        "customer_type": np.where(is_org, "organization", "individual").astype(object),
        "national_id": np.where(is_org, None, national_id),
        "tax_code": np.where(has_tax_code, tax_code, None),
        "full_name": names,
        "date_of_birth": np.where(is_org, np.datetime64("NaT"), dob),
        "gender": np.where(is_org, None, np.where(is_female, "female", "male")),
        "phone_number": identity.phone_numbers(rng, n),
        "email": identity.emails(rng, names, ids),
        "address": identity.street_addresses(rng, province),
        "province_code": province,
        "registration_date": registered,
        "status": status,
        "created_at": registered,
        "updated_at": updated,
    }
    return customers, activity


def build_accounts(s: Scenario, customers: Columns) -> tuple[Columns, np.ndarray]:
    rng = child_rng(s.seed, "accounts")
    is_org = customers["customer_type"] == "organization"
    p = s.population
    counts = _counts(
        rng, is_org, 0.55, 0.45, p.max_accounts_individual, p.max_accounts_organization
    )
    offsets = _offsets(counts)
    m = int(offsets[-1])
    owner_idx = np.repeat(np.arange(is_org.size), counts)
    rank = np.arange(m) - offsets[owner_idx]  # 0 for each customer's first account
    ids = ACCOUNT_ID_BASE + np.arange(1, m + 1, dtype=np.int64)
    number = np.char.zfill(scatter_unique(ids, 10**10, 48_271).astype(str), 10)
    number = np.char.add("10", number).astype(object)

    kinds = np.array(["checking", "savings", "ewallet"], dtype=object)
    later_kind = kinds[rng.choice(3, m, p=[0.45, 0.35, 0.20])]
    account_type = np.where(rank == 0, "checking", later_kind)
    account_type = np.where(
        is_org[owner_idx] & (account_type == "ewallet"), "checking", account_type
    )

    registered = customers["registration_date"][owner_idx]
    end = to_datetime64(s.start_date) + s.days * DAY
    opened_first = registered + rng.integers(60, 3_600, m) * SECOND
    span = np.maximum((end - opened_first) // SECOND, 1)
    opened_later = opened_first + (rng.random(m) * span * 0.8).astype(np.int64) * SECOND
    opened = np.where(rank == 0, opened_first, opened_later)

    owner_status = customers["status"][owner_idx]
    status = np.array(["active", "inactive", "frozen"], dtype=object)[
        rng.choice(3, m, p=[0.975, 0.015, 0.01])
    ]
    status = np.where(owner_status == "suspended", "frozen", status)
    accounts: Columns = {
        "account_id": ids,
        "customer_id": customers["customer_id"][owner_idx],
        "account_number": number,
        "account_type": account_type.astype(object),
        "currency": np.full(m, "VND", dtype=object),
        "balance": np.zeros(m),  # set after the transactions are known
        "status": status.astype(object),
        "opened_at": opened,
        "created_at": opened,
        "updated_at": opened,
    }
    return accounts, offsets


_OS = {
    "mobile": ("Android 13", "Android 14", "Android 15", "iOS 17.6", "iOS 18.1", "iOS 18.4"),
    "tablet": ("iPadOS 17.5", "iPadOS 18.1", "Android 14"),
    "computer": ("Windows 10", "Windows 11", "macOS 14", "macOS 15", "Ubuntu 24.04"),
}


def build_devices(s: Scenario, customers: Columns) -> tuple[Columns, np.ndarray]:
    rng = child_rng(s.seed, "devices")
    is_org = customers["customer_type"] == "organization"
    p = s.population
    counts = _counts(rng, is_org, 0.6, 0.5, p.max_devices_individual, p.max_devices_organization)
    offsets = _offsets(counts)
    k = int(offsets[-1])
    owner_idx = np.repeat(np.arange(is_org.size), counts)
    ids = DEVICE_ID_BASE + np.arange(1, k + 1, dtype=np.int64)
    org_dev = is_org[owner_idx]
    types = np.array(["mobile", "computer", "tablet"], dtype=object)
    device_type = np.where(
        org_dev,
        types[rng.choice(3, k, p=[0.3, 0.65, 0.05])],
        types[rng.choice(3, k, p=[0.86, 0.09, 0.05])],
    )
    os_info = np.empty(k, dtype=object)
    for kind, options in _OS.items():  # three device kinds, not one per device
        mask = device_type == kind
        os_info[mask] = np.array(options, dtype=object)[rng.integers(0, len(options), mask.sum())]

    serial = scatter_unique(ids, 10**13, 982_451_653)
    imei = np.char.add("35", np.char.zfill(serial.astype(str), 13))
    hexes = np.char.zfill(np.char.upper(np.array([format(v, "x") for v in serial])), 12)
    mac = np.char.add("3C", hexes)
    mac = np.array([":".join(h[i : i + 2] for i in range(0, 12, 2)) for h in mac], dtype=object)
    identifier = np.where(device_type == "computer", mac, imei.astype(object))

    registered = customers["registration_date"][owner_idx]
    start = to_datetime64(s.start_date)
    first_seen = registered + rng.integers(0, 3_600, k) * SECOND
    later = np.arange(k) - offsets[owner_idx] > 0
    gap = np.maximum((np.maximum(start, registered) - first_seen) // SECOND, 1)
    first_seen = np.where(
        later, first_seen + (rng.random(k) * gap).astype(np.int64) * SECOND, first_seen
    )
    status = np.array(["active", "blocked", "suspicious"], dtype=object)[
        rng.choice(3, k, p=[0.97, 0.01, 0.02])
    ]
    devices: Columns = {
        "device_id": ids,
        "customer_id": customers["customer_id"][owner_idx],
        "device_type": device_type.astype(object),
        "device_identifier": identifier,
        "os_info": os_info,
        "is_trusted": (rng.random(k) < 0.9) & (status == "active"),
        "status": status,
        "first_seen": first_seen,
        "last_seen": first_seen,  # moved forward by the behaviour generators
        "created_at": first_seen,
        "updated_at": first_seen,
    }
    return devices, offsets


def build_counterparties(s: Scenario, banks: Columns) -> tuple[Columns, Columns]:
    """Customers of other banks and e-wallets, each with one or two accounts."""
    rng = child_rng(s.seed, "counterparties")
    n = max(int(s.population.customers * s.population.counterparties_per_customer), 30)
    ids = COUNTERPARTY_ID_BASE + np.arange(1, n + 1, dtype=np.int64)
    not_self = np.flatnonzero(~banks["is_self"])
    domestic = np.isin(np.arange(len(vn.BANKS)), not_self) & banks["is_domestic"]
    # 85 % domestic banks and wallets, 15 % abroad
    weights = np.where(domestic, 0.85 / domestic.sum(), 0.0)
    foreign = ~banks["is_domestic"]
    weights = weights + np.where(foreign, 0.15 / foreign.sum(), 0.0)
    bank_idx = rng.choice(len(weights), n, p=weights)
    country = np.array([b[4] for b in vn.BANKS], dtype=object)[bank_idx]

    is_female = rng.random(n) < 0.5
    local_names = identity.person_names(rng, is_female)
    names = local_names.copy()
    for code, options in vn.FOREIGN_NAMES.items():  # one pass per country
        mask = country == code
        names[mask] = np.array(options, dtype=object)[rng.integers(0, len(options), mask.sum())]
    years = rng.integers(1955, 2006, n)
    prov = identity.province_codes(rng, n)
    nid = identity.national_ids(rng, prov, years, is_female)
    has_nid = (country == "VN") & (rng.random(n) < 0.6)
    counterparties: Columns = {
        "counterparty_id": ids,
        "bank_id": banks["bank_id"][bank_idx],
        "full_name": names,
        "national_id": np.where(has_nid, nid, None),
        "country_code": country,
    }

    per = np.where(rng.random(n) < 0.15, 2, 1)
    owner = np.repeat(np.arange(n), per)
    k = owner.size
    ext_ids = EXTERNAL_ACCOUNT_ID_BASE + np.arange(1, k + 1, dtype=np.int64)
    acct = np.char.zfill(scatter_unique(ext_ids, 10**12, 69_621).astype(str), 12)
    external: Columns = {
        "external_account_id": ext_ids,
        "counterparty_id": ids[owner],
        "bank_id": counterparties["bank_id"][owner],
        "account_number": acct.astype(object),
    }
    return counterparties, external


def build_population(s: Scenario) -> Population:
    banks = build_banks()
    customers, activity = build_customers(s)
    accounts, account_offsets = build_accounts(s, customers)
    devices, device_offsets = build_devices(s, customers)
    counterparties, external = build_counterparties(s, banks)
    return Population(
        banks=banks,
        customers=customers,
        accounts=accounts,
        devices=devices,
        counterparties=counterparties,
        external_accounts=external,
        account_offsets=account_offsets,
        device_offsets=device_offsets,
        activity_weight=activity,
    )
