"""Customers, their accounts and devices, other banks and their customers.

Everything is drawn column-wise with numpy. The ``new_*`` builders make any
number of entities with given ids and creation times; the opening
population and every later onboarding, new account or new device use them.
"""

from __future__ import annotations

import datetime as dt

import numpy as np

from seeds_generator.config import Scenario
from seeds_generator.entities import identity
from seeds_generator.entities import vietnam as vn
from seeds_generator.rng import child_rng, scatter_unique

Columns = dict[str, np.ndarray]


def concat_columns(parts: list[Columns]) -> Columns:
    """Rows of several column sets one after the other; empty sets are skipped."""
    parts = [p for p in parts if p and len(next(iter(p.values())))]
    if not parts:
        return {}
    return {k: np.concatenate([p[k] for p in parts]) for k in parts[0]}


CUSTOMER_ID_BASE = 100_000
ACCOUNT_ID_BASE = 200_000_000
DEVICE_ID_BASE = 300_000_000
COUNTERPARTY_ID_BASE = 400_000_000
EXTERNAL_ACCOUNT_ID_BASE = 500_000_000

SECOND = np.timedelta64(1, "s")
DAY = np.timedelta64(86_400, "s")


def to_datetime64(day: dt.date) -> np.datetime64:
    return np.datetime64(day.isoformat(), "s")


def _choice(rng: np.random.Generator, options, n: int, p=None) -> np.ndarray:
    arr = np.array(options, dtype=object)
    if p is None:
        return arr[rng.integers(0, arr.size, n)]
    w = np.asarray(p, dtype=float)
    return arr[rng.choice(arr.size, n, p=w / w.sum())]


def build_banks() -> Columns:
    return {
        "bank_id": np.arange(1, len(vn.BANKS) + 1, dtype=np.int32),
        "bank_code": np.array([b[0] for b in vn.BANKS], dtype=object),
        "bank_name": np.array([b[1] for b in vn.BANKS], dtype=object),
        "is_domestic": np.array([b[2] for b in vn.BANKS]),
        "is_self": np.array([b[3] for b in vn.BANKS]),
    }


def new_customers(
    rng: np.random.Generator,
    s: Scenario,
    ids: np.ndarray,
    registered: np.ndarray,
    is_org: np.ndarray,
) -> Columns:
    """Customers with valid Vietnamese identities, registered at ``registered``."""
    n = ids.size
    is_female = (rng.random(n) < 0.5) & ~is_org
    # individuals are 18 to 75 when they register
    age_days = rng.integers(18 * 365 + 5, 75 * 365, n)
    dob = (registered - age_days * DAY).astype("datetime64[D]")
    birth_year = dob.astype("datetime64[Y]").astype(np.int64) + 1970
    province = identity.province_codes(rng, n)
    # the CCCD carries the birth province: mostly where the customer lives
    born_here = rng.random(n) < 0.75
    birth_province = np.where(born_here, province, identity.province_codes(rng, n))
    national_id = identity.national_ids(rng, birth_province, birth_year, is_female)
    has_tax_code = is_org | (rng.random(n) < 0.15)
    names = np.where(is_org, identity.company_names(rng, n), identity.person_names(rng, is_female))
    return {
        "customer_id": ids.astype(np.int64),
        "customer_type": np.where(is_org, "organization", "individual").astype(object),
        "national_id": np.where(is_org, None, national_id),
        "tax_code": np.where(has_tax_code, identity.tax_codes(rng, n), None),
        "full_name": names,
        "date_of_birth": np.where(is_org, np.datetime64("NaT"), dob),
        "gender": np.where(is_org, None, np.where(is_female, "female", "male")),
        "phone_number": identity.phone_numbers(rng, n),
        "email": identity.emails(rng, names, ids),
        "address": identity.street_addresses(rng, province),
        "province_code": province,
        "registration_date": registered.copy(),
        "status": np.full(n, "active", dtype=object),
        # separate arrays: later updates move updated_at alone
        "created_at": registered.copy(),
        "updated_at": registered.copy(),
    }


def new_accounts(
    rng: np.random.Generator,
    ids: np.ndarray,
    owner_ids: np.ndarray,
    owner_is_org: np.ndarray,
    is_first: np.ndarray,
    opened: np.ndarray,
) -> Columns:
    """Accounts; a customer's first account is a checking (payment) account."""
    m = ids.size
    number = np.char.zfill(scatter_unique(ids, 10**10, 48_271).astype(str), 10)
    later_kind = _choice(rng, ("checking", "savings", "ewallet"), m, (0.45, 0.35, 0.20))
    account_type = np.where(is_first, "checking", later_kind)
    account_type = np.where(owner_is_org & (account_type == "ewallet"), "checking", account_type)
    return {
        "account_id": ids.astype(np.int64),
        "customer_id": owner_ids.astype(np.int64),
        "account_number": np.char.add("10", number).astype(object),
        "account_type": account_type.astype(object),
        "currency": np.full(m, "VND", dtype=object),
        "balance": np.round(np.exp(rng.normal(16.5, 1.4, m)) / 1_000) * 1_000,
        "status": np.full(m, "active", dtype=object),
        "opened_at": opened.copy(),
        "created_at": opened.copy(),
        "updated_at": opened.copy(),
    }


_OS = {
    "mobile": ("Android 13", "Android 14", "Android 15", "iOS 17.6", "iOS 18.1", "iOS 18.4"),
    "tablet": ("iPadOS 17.5", "iPadOS 18.1", "Android 14"),
    "computer": ("Windows 10", "Windows 11", "macOS 14", "macOS 15", "Ubuntu 24.04"),
}


def new_devices(
    rng: np.random.Generator,
    ids: np.ndarray,
    owner_ids: np.ndarray,
    owner_is_org: np.ndarray,
    first_seen: np.ndarray,
) -> Columns:
    """Phones, tablets and computers with IMEI- or MAC-like identifiers."""
    k = ids.size
    device_type = np.where(
        owner_is_org,
        _choice(rng, ("mobile", "computer", "tablet"), k, (0.3, 0.65, 0.05)),
        _choice(rng, ("mobile", "computer", "tablet"), k, (0.86, 0.09, 0.05)),
    )
    os_info = np.empty(k, dtype=object)
    for kind, options in _OS.items():  # three device kinds, not one per device
        mask = device_type == kind
        os_info[mask] = _choice(rng, options, int(mask.sum()))
    serial = scatter_unique(ids, 10**13, 982_451_653)
    imei = np.char.add("35", np.char.zfill(serial.astype(str), 13)).astype(object)
    hexes = np.char.zfill(np.char.upper(np.char.mod("%x", serial % (1 << 40))), 10)
    mac = _mac_format(np.char.add("3C", hexes))
    return {
        "device_id": ids.astype(np.int64),
        "customer_id": owner_ids.astype(np.int64),
        "device_type": device_type.astype(object),
        "device_identifier": np.where(device_type == "computer", mac, imei),
        "os_info": os_info,
        "is_trusted": np.ones(k, dtype=bool),
        "status": np.full(k, "active", dtype=object),
        "first_seen": first_seen.copy(),
        "last_seen": first_seen.copy(),
        "created_at": first_seen.copy(),
        "updated_at": first_seen.copy(),
    }


def _mac_format(hex12: np.ndarray) -> np.ndarray:
    """'3C0A1B2C3D4E' -> '3C:0A:1B:2C:3D:4E', column-wise (no loop per device)."""
    chars = np.ascontiguousarray(hex12.astype("U12")).view("U1").reshape(-1, 12)
    out = np.char.add(chars[:, 0], chars[:, 1])
    for i in range(2, 12, 2):
        out = np.char.add(np.char.add(out, ":"), np.char.add(chars[:, i], chars[:, i + 1]))
    return out.astype(object)


def build_counterparties(s: Scenario, banks: Columns) -> tuple[Columns, Columns]:
    """Customers of other banks and e-wallets, each with one or two accounts."""
    rng = child_rng(s.seed, "counterparties")
    n = max(int(s.population.customers * s.population.counterparties_per_customer), 30)
    ids = COUNTERPARTY_ID_BASE + np.arange(1, n + 1, dtype=np.int64)
    not_self = ~banks["is_self"]
    domestic = not_self & banks["is_domestic"]
    foreign = ~banks["is_domestic"]
    # 85 % domestic banks and wallets, 15 % abroad
    weights = np.where(domestic, 0.85 / domestic.sum(), 0.0)
    weights = weights + np.where(foreign, 0.15 / foreign.sum(), 0.0)
    bank_idx = rng.choice(len(weights), n, p=weights)
    country = np.array([b[4] for b in vn.BANKS], dtype=object)[bank_idx]

    is_female = rng.random(n) < 0.5
    names = identity.person_names(rng, is_female)
    for code, options in vn.FOREIGN_NAMES.items():  # one pass per country
        mask = country == code
        names[mask] = _choice(rng, options, int(mask.sum()))
    years = rng.integers(1955, 2006, n)
    nid = identity.national_ids(rng, identity.province_codes(rng, n), years, is_female)
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
    ext_ids = EXTERNAL_ACCOUNT_ID_BASE + np.arange(1, owner.size + 1, dtype=np.int64)
    acct = np.char.zfill(scatter_unique(ext_ids, 10**12, 69_621).astype(str), 12)
    external: Columns = {
        "external_account_id": ext_ids,
        "counterparty_id": ids[owner],
        "bank_id": counterparties["bank_id"][owner],
        "account_number": acct.astype(object),
    }
    return counterparties, external


def _per_owner(
    rng: np.random.Generator,
    is_org: np.ndarray,
    p_ind: float,
    p_org: float,
    max_ind: int,
    max_org: int,
) -> np.ndarray:
    """1..max items per owner, geometric (most have one)."""
    ind = np.minimum(rng.geometric(p_ind, is_org.size), max_ind)
    org = np.minimum(rng.geometric(p_org, is_org.size), max_org)
    return np.where(is_org, org, ind)


def opening_population(s: Scenario) -> tuple[Columns, Columns, Columns]:
    """Customers, accounts and devices that exist before the first simulated day."""
    rng = child_rng(s.seed, "population")
    n = s.population.customers
    start = to_datetime64(s.start_date)
    ids = CUSTOMER_ID_BASE + np.arange(1, n + 1, dtype=np.int64)
    is_org = rng.random(n) < s.population.organization_share
    history = max(s.population.history_years * 365, 1) * 86_400
    registered = start - rng.integers(3_600, history, n) * SECOND
    customers = new_customers(rng, s, ids, registered, is_org)
    status = _choice(rng, ("active", "inactive", "suspended"), n, (0.96, 0.03, 0.01))
    customers["status"] = status
    touched = registered + rng.integers(0, 400 * 86_400, n) * SECOND
    customers["updated_at"] = np.minimum(touched, start - SECOND)

    p = s.population
    n_acc = _per_owner(
        rng, is_org, 0.55, 0.45, p.max_accounts_individual, p.max_accounts_organization
    )
    owner = np.repeat(np.arange(n), n_acc)
    first = np.concatenate([[True], owner[1:] != owner[:-1]])
    reg = registered[owner]
    span = np.maximum((start - reg) // SECOND, 120)
    opened = (
        reg
        + np.where(
            first,
            rng.integers(60, 3_600, owner.size),
            (rng.random(owner.size) * span).astype(np.int64),
        )
        * SECOND
    )
    acc_ids = ACCOUNT_ID_BASE + np.arange(1, owner.size + 1, dtype=np.int64)
    accounts = new_accounts(rng, acc_ids, ids[owner], is_org[owner], first, opened)
    acc_status = _choice(rng, ("active", "inactive", "frozen"), owner.size, (0.975, 0.015, 0.01))
    accounts["status"] = np.where(status[owner] == "suspended", "frozen", acc_status)

    n_dev = _per_owner(rng, is_org, 0.6, 0.5, p.max_devices_individual, p.max_devices_organization)
    downer = np.repeat(np.arange(n), n_dev)
    dfirst = np.concatenate([[True], downer[1:] != downer[:-1]])
    dreg = registered[downer]
    dspan = np.maximum((start - dreg) // SECOND, 120)
    seen = (
        dreg
        + np.where(
            dfirst,
            rng.integers(0, 3_600, downer.size),
            (rng.random(downer.size) * dspan).astype(np.int64),
        )
        * SECOND
    )
    dev_ids = DEVICE_ID_BASE + np.arange(1, downer.size + 1, dtype=np.int64)
    devices = new_devices(rng, dev_ids, ids[downer], is_org[downer], seen)
    dev_status = _choice(rng, ("active", "blocked", "suspicious"), downer.size, (0.97, 0.01, 0.02))
    devices["status"] = dev_status
    devices["is_trusted"] = (rng.random(downer.size) < 0.9) & (dev_status == "active")
    return customers, accounts, devices
