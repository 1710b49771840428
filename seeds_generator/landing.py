"""Coded numpy columns -> Arrow tables in the raw contract's order and types."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from seeds_generator import codes
from seeds_generator.config import TYPOLOGIES
from seeds_generator.contract import RAW_TABLES
from seeds_generator.entities.population import Columns

ROLES = (
    "fraudster",
    "victim",
    "mule",
    "originator",
    "intermediary",
    "beneficiary",
    "compromised_account",
    "synthetic_identity",
)
ROLE = {name: i for i, name in enumerate(ROLES)}

# coded columns: table -> column -> dictionary of the codes
DICTIONARIES: dict[str, dict[str, tuple[str, ...]]] = {
    "payment_transactions": {
        "transaction_type": codes.TYPES,
        "channel": codes.CHANNEL_CODES,
        "currency": codes.CURRENCIES,
        "merchant_category": codes.MCCS,
        "counterparty_country": codes.COUNTRIES,
        "description": codes.DESCRIPTIONS,
        "status": codes.STATUSES,
    },
    "authentication_logs": {
        "auth_result": codes.AUTH_RESULT_CODES,
        "failure_reason": codes.FAILURE_REASONS,
    },
    "login_events": {"result": codes.LOGIN_RESULT_CODES},
    "fraud_labels": {"typology": TYPOLOGIES, "role": ROLES},
}

_ARROW_TYPES = {
    "INTEGER": pa.int32(),
    "BIGINT": pa.int64(),
    "VARCHAR": pa.string(),
    "BOOLEAN": pa.bool_(),
    "DATE": pa.date32(),
    "TIMESTAMP": pa.timestamp("s"),
    "DECIMAL(18,2)": pa.float64(),  # whole VND; cast to DECIMAL by DuckDB
}


def _ip_strings(ip: np.ndarray) -> pa.Array:
    ip = ip.astype(np.uint32)
    parts = [pa.array((ip >> shift) & 255).cast(pa.string()) for shift in (24, 16, 8, 0)]
    return pc.binary_join_element_wise(*parts, ".")


def _column(table: str, name: str, sql_type: str, values: np.ndarray) -> pa.Array:
    dictionary = DICTIONARIES.get(table, {}).get(name)
    if dictionary is not None and values.dtype.kind in "iu":
        indices = pa.array(values.astype(np.int32), mask=values < 0)
        # DuckDB reads dictionary arrays as VARCHAR directly
        return pa.DictionaryArray.from_arrays(indices, pa.array(dictionary))
    if name == "ip_address" and values.dtype.kind in "iu":
        return _ip_strings(values)
    typ = _ARROW_TYPES[sql_type]
    if sql_type in ("INTEGER", "BIGINT") and values.dtype.kind in "iu":
        return pa.array(values, type=typ, mask=values < 0)
    if sql_type == "TIMESTAMP" and values.dtype.kind == "M":
        return pa.array(values.astype("datetime64[s]"), type=typ)
    return pa.array(values, type=typ, from_pandas=True)


def to_arrow(table: str, cols: Columns, batch_id: int, loaded_at: dt.datetime) -> pa.Table:
    """One raw table's rows; optional ``_loaded_delay`` (s) delays re-sent rows."""
    n = len(next(iter(cols.values()))) if cols else 0
    stamp = np.full(n, np.datetime64(loaded_at, "s"))
    if "_loaded_delay" in cols:
        stamp = stamp + cols["_loaded_delay"].astype(np.int64) * np.timedelta64(1, "s")
    arrays, names = [], []
    for name, sql_type in RAW_TABLES[table]:
        if name == "_batch_id":
            arr = pa.array(np.full(n, batch_id, dtype=np.int32))
        elif name == "_loaded_at":
            arr = pa.array(stamp, type=pa.timestamp("s"))
        elif n == 0:
            arr = pa.nulls(0, _ARROW_TYPES[sql_type])
        else:
            arr = _column(table, name, sql_type, np.asarray(cols[name]))
        arrays.append(arr)
        names.append(name)
    return pa.Table.from_arrays(arrays, names=names)
