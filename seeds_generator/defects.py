"""Data-quality defects the source system sends, and their ground truth.

Defects are applied to the copy of the rows that goes to ``raw``, never to
the simulator's own state, at ``defects.rate`` of each table's rows with the
``defects.mix`` of types (only types that make sense for the table). Every
defective row is recorded in ``raw.dq_injected_defects`` (table, key, type);
one row carries at most one defect, so the ground truth is unambiguous.
Transactions that belong to an injected fraud pattern are never damaged.
"""

from __future__ import annotations

import datetime as dt

import numpy as np

from seeds_generator import codes
from seeds_generator.config import Scenario
from seeds_generator.entities.population import ACCOUNT_ID_BASE, DEVICE_ID_BASE, Columns

SECOND = np.timedelta64(1, "s")
ORPHAN_ACCOUNT_BASE = ACCOUNT_ID_BASE - 10_000_000
ORPHAN_DEVICE_BASE = DEVICE_ID_BASE - 10_000_000

KEY = {
    "payment_transactions": "transaction_id",
    "authentication_logs": "auth_log_id",
    "login_events": "login_id",
    "customers": "customer_id",
    "bank_accounts": "account_id",
    "devices": "device_id",
}
# required (non-key) columns a null_required defect may blank, per table
REQUIRED = {
    "payment_transactions": (
        "customer_id",
        "from_account_id",
        "transaction_type",
        "channel",
        "amount",
        "transaction_ts",
        "status",
    ),
    "authentication_logs": ("transaction_id", "auth_method_id", "auth_result", "auth_ts"),
    "login_events": ("customer_id", "login_ts", "result"),
    "customers": ("customer_type", "full_name", "phone_number", "registration_date", "status"),
    "bank_accounts": ("customer_id", "account_type", "currency", "status", "opened_at"),
    "devices": ("customer_id", "device_type", "device_identifier", "status"),
}
# coded (event) or text (entity) columns and the value outside the contract
UNKNOWN_ENUM = {
    "payment_transactions": {
        "transaction_type": codes.TYPE["bill_payment"],
        "channel": codes.CHANNEL["ussd"],
        "status": codes.STATUS["reversed"],
    },
    "authentication_logs": {"auth_result": len(codes.AUTH_RESULT_CODES) - 1},
    "login_events": {"result": len(codes.LOGIN_RESULT_CODES) - 1},
    "customers": {"status": "pending_kyc", "customer_type": "household"},
    "bank_accounts": {"account_type": "loan", "status": "dormant"},
    "devices": {"device_type": "smartwatch", "status": "lost"},
}
TIMESTAMP = {
    "payment_transactions": "transaction_ts",
    "authentication_logs": "auth_ts",
    "login_events": "login_ts",
    "customers": "registration_date",
    "bank_accounts": "opened_at",
    "devices": "first_seen",
}
APPLICABLE = {
    "payment_transactions": (
        "duplicate_key",
        "null_required",
        "negative_amount",
        "zero_amount",
        "orphan_account",
        "orphan_device",
        "future_timestamp",
        "unknown_enum",
        "currency_mismatch",
    ),
    "authentication_logs": ("duplicate_key", "null_required", "future_timestamp", "unknown_enum"),
    "login_events": (
        "duplicate_key",
        "null_required",
        "orphan_device",
        "future_timestamp",
        "unknown_enum",
    ),
    "customers": (
        "duplicate_key",
        "null_required",
        "bad_phone_format",
        "bad_national_id",
        "bad_tax_code",
        "future_timestamp",
        "unknown_enum",
    ),
    "bank_accounts": (
        "duplicate_key",
        "null_required",
        "future_timestamp",
        "unknown_enum",
        "currency_mismatch",
    ),
    "devices": ("duplicate_key", "null_required", "future_timestamp", "unknown_enum"),
}


def _plan(
    s: Scenario, table: str, eligible: dict[str, np.ndarray], rng: np.random.Generator
) -> dict[str, np.ndarray]:
    """Rows per defect type: disjoint, drawn among the rows each type can apply to."""
    types = [t for t in APPLICABLE.get(table, ()) if s.defects.mix.get(t, 0) > 0]
    n = next(iter(eligible.values())).size if eligible else 0
    if s.defects.rate <= 0 or not types or n == 0:
        return {}
    total = int(rng.binomial(n, s.defects.rate))
    weights = np.array([s.defects.mix[t] for t in types], dtype=float)
    per_type = rng.multinomial(total, weights / weights.sum())
    used = np.zeros(n, dtype=bool)
    out = {}
    for kind, k in zip(types, per_type, strict=True):
        candidates = np.flatnonzero(eligible[kind] & ~used)
        if k == 0 or candidates.size == 0:
            continue
        rows = np.sort(rng.choice(candidates, size=min(k, candidates.size), replace=False))
        used[rows] = True
        out[kind] = rows
    return out


def _null(values: np.ndarray, rows: np.ndarray) -> None:
    if values.dtype.kind in "iu":
        values[rows] = -1
    elif values.dtype.kind == "f":
        values[rows] = np.nan
    elif values.dtype.kind == "M":
        values[rows] = np.datetime64("NaT")
    else:
        values[rows] = None


def _future(rng, loaded_at: dt.datetime, n: int) -> np.ndarray:
    return np.datetime64(loaded_at, "s") + rng.integers(3_600, 30 * 86_400, n) * SECOND


def _apply_common(
    table: str, kind: str, out: Columns, rows: np.ndarray, rng, loaded_at: dt.datetime
) -> bool:
    if kind == "null_required":
        columns = REQUIRED[table]
        pick = rng.integers(0, len(columns), rows.size)
        for i, col in enumerate(columns):
            _null(out[col], rows[pick == i])
    elif kind == "unknown_enum":
        options = list(UNKNOWN_ENUM[table].items())
        pick = rng.integers(0, len(options), rows.size)
        for i, (col, value) in enumerate(options):
            out[col][rows[pick == i]] = value
    elif kind == "future_timestamp":
        out[TIMESTAMP[table]][rows] = _future(rng, loaded_at, rows.size)
    else:
        return False
    return True


def _finish(
    table: str, cols: Columns, out: Columns, plan: dict[str, np.ndarray]
) -> tuple[Columns, Columns]:
    dup = plan.get("duplicate_key")
    n = next(iter(cols.values())).size
    out["_loaded_delay"] = np.zeros(n, dtype=np.int64)
    if dup is not None and dup.size:
        copies = {k: v[dup] for k, v in cols.items()}  # the clean row, re-sent later
        copies["_loaded_delay"] = 60 + (np.arange(dup.size) % 3_000)
        out = {k: np.concatenate([out[k], copies[k]]) for k in out}
    keys, kinds = [], []
    for kind, rows in plan.items():
        keys.append(cols[KEY[table]][rows])
        kinds.append(np.full(rows.size, kind, dtype=object))
    found = {
        "table_name": np.full(sum(k.size for k in keys), table, dtype=object),
        "record_key": np.concatenate(keys).astype(str).astype(object)
        if keys
        else np.zeros(0, dtype=object),
        "defect_type": np.concatenate(kinds) if kinds else np.zeros(0, dtype=object),
    }
    return out, found


def inject_events(
    s: Scenario,
    table: str,
    cols: Columns,
    rng: np.random.Generator,
    loaded_at: dt.datetime,
    state=None,
) -> tuple[Columns, Columns]:
    """Defects in a day's transactions, authentication logs or logins."""
    if table not in APPLICABLE:
        return cols, {}
    n = cols[KEY[table]].size
    clean = np.ones(n, dtype=bool)
    if "_case_id" in cols:
        clean &= cols["_case_id"] < 0
    eligible = {kind: clean for kind in APPLICABLE[table]}
    if table == "payment_transactions":
        non_inquiry = cols["transaction_type"] != codes.TYPE["inquiry"]
        eligible["zero_amount"] = clean & non_inquiry
        eligible["negative_amount"] = clean & non_inquiry
        eligible["orphan_device"] = clean & (cols["device_id"] >= 0)
    plan = _plan(s, table, eligible, rng)
    if not plan:
        return cols, {}
    out = {k: v.copy() for k, v in cols.items()}
    for kind, rows in plan.items():
        if _apply_common(table, kind, out, rows, rng, loaded_at) or kind == "duplicate_key":
            continue
        if kind == "negative_amount":
            out["amount"][rows] = -np.maximum(out["amount"][rows], 10_000)
        elif kind == "zero_amount":
            out["amount"][rows] = 0.0
        elif kind == "orphan_account":
            out["from_account_id"][rows] = ORPHAN_ACCOUNT_BASE + rng.integers(
                0, 9_999_999, rows.size
            )
        elif kind == "orphan_device":
            out["device_id"][rows] = ORPHAN_DEVICE_BASE + rng.integers(0, 9_999_999, rows.size)
        elif kind == "currency_mismatch":
            out["currency"][rows] = codes.CURRENCIES.index("USD")
    return _finish(table, cols, out, plan)


def _bad_phones(rng, phones: np.ndarray) -> np.ndarray:
    """Formats a feed really sends: +84 with spaces, 9 or 11 digits, dead prefixes."""
    style = rng.integers(0, 4, phones.size)
    p = phones.astype(str)
    intl = np.char.add("+84 ", np.char.add(np.char.add(_sl(p, 1, 3), " "), _sl(p, 3, 10)))
    short = _sl(p, 0, 9)
    long_ = np.char.add(p, "9")
    dead = np.char.add("011", _sl(p, 3, 10))
    return np.select([style == 0, style == 1, style == 2], [intl, short, long_], dead).astype(
        object
    )


def _sl(a: np.ndarray, start: int, stop: int) -> np.ndarray:
    """Column-wise substring (numpy >= 2)."""
    return np.strings.slice(a.astype(str), start, stop)


def _bad_national_ids(rng, nid: np.ndarray, dob: np.ndarray) -> np.ndarray:
    """Wrong length, a province code that does not exist, or a century digit
    inconsistent with the date of birth."""
    style = rng.integers(0, 3, nid.size)
    v = nid.astype(str)
    wrong_len = np.where(rng.random(nid.size) < 0.5, _sl(v, 0, 11), np.char.add(v, "7"))
    bad_province = np.char.add(
        np.array(["000", "003", "099"])[rng.integers(0, 3, nid.size)], _sl(v, 3, 12)
    )
    year = dob.astype("datetime64[Y]").astype(np.int64) + 1970
    # 19xx births carry 0/1; swap to 2/3 (and 20xx to 0/1), keeping the gender parity
    digit = _sl(v, 3, 4).astype(int)
    wrong = np.where(year < 2000, digit % 2 + 2, digit % 2).astype(str)
    bad_century = np.char.add(np.char.add(_sl(v, 0, 3), wrong), _sl(v, 4, 12))
    return np.select([style == 0, style == 1], [wrong_len, bad_province], bad_century).astype(
        object
    )


def inject_entities(
    s: Scenario,
    table: str,
    cols: Columns,
    rng: np.random.Generator,
    loaded_at: dt.datetime,
    state=None,
) -> tuple[Columns, Columns]:
    """Defects in newly sent customers, accounts or devices."""
    n = cols[KEY[table]].size if cols else 0
    if n == 0 or table not in APPLICABLE:
        return cols, {}
    clean = np.ones(n, dtype=bool)
    eligible = {kind: clean for kind in APPLICABLE[table]}
    if table == "customers":
        individual = cols["customer_type"] == "individual"
        eligible["bad_national_id"] = individual & (cols["national_id"] != None)  # noqa: E711
        eligible["bad_tax_code"] = cols["tax_code"] != None  # noqa: E711
    plan = _plan(s, table, eligible, rng)
    if not plan:
        return cols, {}
    out = {k: v.copy() for k, v in cols.items()}
    for kind, rows in plan.items():
        if _apply_common(table, kind, out, rows, rng, loaded_at) or kind == "duplicate_key":
            continue
        if kind == "bad_phone_format":
            out["phone_number"][rows] = _bad_phones(rng, cols["phone_number"][rows])
        elif kind == "bad_national_id":
            out["national_id"][rows] = _bad_national_ids(
                rng, cols["national_id"][rows], cols["date_of_birth"][rows]
            )
        elif kind == "bad_tax_code":
            tax = cols["tax_code"][rows].astype(str)
            out["tax_code"][rows] = np.where(
                rng.random(rows.size) < 0.5, _sl(tax, 0, 9), np.char.add("MST", _sl(tax, 3, 10))
            ).astype(object)
        elif kind == "currency_mismatch":
            out["currency"][rows] = "USD"
    return _finish(table, cols, out, plan)
