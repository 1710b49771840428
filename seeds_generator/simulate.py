"""Run a scenario: population, behaviour and ground truth as Arrow tables."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import numpy as np
import pyarrow as pa

from seeds_generator.behaviour.authentication import (
    generate_auth_logs,
    generate_logins,
    methods_table,
)
from seeds_generator.behaviour.transactions import generate_transactions
from seeds_generator.config import Scenario
from seeds_generator.contract import RAW_TABLES
from seeds_generator.entities.population import Columns, build_population, to_datetime64
from seeds_generator.rng import child_rng

TRANSACTION_ID_BASE = 1_000_000_000
AUTH_LOG_ID_BASE = 2_000_000_000
LOGIN_ID_BASE = 3_000_000_000
DAYS_PER_CHUNK = 7

_ARROW_TYPES = {
    "INTEGER": pa.int32(),
    "BIGINT": pa.int64(),
    "VARCHAR": pa.string(),
    "BOOLEAN": pa.bool_(),
    "DATE": pa.date32(),
    "TIMESTAMP": pa.timestamp("s"),
    "DECIMAL(18,2)": pa.float64(),  # whole VND; cast to DECIMAL when landed
}


def to_arrow(table: str, cols: Columns, batch_id: int, loaded_at: dt.datetime) -> pa.Table:
    """Columns of one raw table in contract order and types; -1 ids become null."""
    n = len(next(iter(cols.values()))) if cols else 0
    arrays = []
    names = []
    for name, sql_type in RAW_TABLES[table]:
        if name == "_batch_id":
            arr = pa.array(np.full(n, batch_id, dtype=np.int32))
        elif name == "_loaded_at":
            arr = pa.array(np.full(n, np.datetime64(loaded_at, "s")), type=pa.timestamp("s"))
        else:
            values = cols[name]
            typ = _ARROW_TYPES[sql_type]
            if sql_type in ("INTEGER", "BIGINT"):
                arr = pa.array(values, type=typ, mask=np.asarray(values) < 0)
            else:
                arr = pa.array(values, type=typ, from_pandas=True)
        arrays.append(arr)
        names.append(name)
    return pa.Table.from_arrays(arrays, names=names)


ProgressFn = Callable[[str, int, int], None]


def simulate(
    s: Scenario, batch_id: int, loaded_at: dt.datetime, progress: ProgressFn | None = None
) -> dict[str, pa.Table]:
    """Every raw table of one load of scenario ``s``."""
    pop = build_population(s)
    tx_rng = child_rng(s.seed, "transactions")
    auth_rng = child_rng(s.seed, "authentication")
    login_rng = child_rng(s.seed, "logins")
    start = to_datetime64(s.start_date)

    n_acc = pop.accounts["account_id"].size
    outflow = np.zeros(n_acc)
    inflow = np.zeros(n_acc)
    acc_base = int(pop.accounts["account_id"][0])
    last_seen = pop.devices["last_seen"].copy()

    tx_parts, auth_parts, login_parts = [], [], []
    next_tx_id = TRANSACTION_ID_BASE + 1
    chunks = list(range(0, s.days, DAYS_PER_CHUNK))
    for i, day_from in enumerate(chunks):
        day_to = min(day_from + DAYS_PER_CHUNK, s.days)
        tx = generate_transactions(s, pop, tx_rng, day_from, day_to)
        m = tx["customer_id"].size
        tx["transaction_id"] = np.arange(next_tx_id, next_tx_id + m, dtype=np.int64)
        next_tx_id += m
        done = tx["status"] == "completed"
        outflow += np.bincount(
            tx["from_account_id"][done] - acc_base, weights=tx["amount"][done], minlength=n_acc
        )
        to_int = done & (tx["to_account_internal_id"] >= 0)
        inflow += np.bincount(
            tx["to_account_internal_id"][to_int] - acc_base,
            weights=tx["amount"][to_int],
            minlength=n_acc,
        )
        online = tx["_device_idx"] >= 0
        np.maximum.at(last_seen, tx["_device_idx"][online], tx["transaction_ts"][online])

        auth_parts.append(generate_auth_logs(s, tx, auth_rng))
        login_parts.append(
            generate_logins(
                s,
                pop,
                tx,
                login_rng,
                start + day_from * 86_400 * np.timedelta64(1, "s"),
                day_to - day_from,
            )
        )
        tx_parts.append({k: v for k, v in tx.items() if not k.startswith("_")})
        if progress:
            progress("transactions", i + 1, len(chunks))

    # Balance as of this load. The opening balance is a cushion plus every
    # outflow of the period, so no account ever goes negative:
    # closing = (cushion + outflow) - outflow + inflow = cushion + inflow.
    bal_rng = child_rng(s.seed, "balances")
    cushion = np.round(np.exp(bal_rng.normal(16.5, 1.4, n_acc)) / 1_000) * 1_000
    pop.accounts["balance"] = cushion + inflow
    pop.devices["last_seen"] = last_seen

    transactions = _concat(tx_parts)
    auth = _sorted(_concat(auth_parts), "auth_ts", "transaction_id")
    auth["auth_log_id"] = AUTH_LOG_ID_BASE + np.arange(1, auth["auth_ts"].size + 1)
    logins = _sorted(_concat(login_parts), "login_ts", "device_id")
    logins["login_id"] = LOGIN_ID_BASE + np.arange(1, logins["login_ts"].size + 1)

    columns: dict[str, Columns] = {
        "banks": pop.banks,
        "customers": pop.customers,
        "bank_accounts": pop.accounts,
        "devices": pop.devices,
        "authentication_methods": methods_table(),
        "other_bank_customers": pop.counterparties,
        "other_bank_accounts": pop.external_accounts,
        "login_events": logins,
        "payment_transactions": transactions,
        "authentication_logs": auth,
        "fraud_labels": _empty("fraud_labels"),
        "dq_injected_defects": _empty("dq_injected_defects"),
    }
    return {name: to_arrow(name, cols, batch_id, loaded_at) for name, cols in columns.items()}


def _concat(parts: list[Columns]) -> Columns:
    return {k: np.concatenate([p[k] for p in parts]) for k in parts[0]}


def _sorted(cols: Columns, first: str, second: str) -> Columns:
    order = np.lexsort((cols[second], cols[first]))
    return {k: v[order] for k, v in cols.items()}


def _empty(table: str) -> Columns:
    return {
        name: np.array([], dtype=np.int64 if typ in ("BIGINT", "INTEGER") else object)
        for name, typ in RAW_TABLES[table]
        if not name.startswith("_")
    }
