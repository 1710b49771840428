"""Run a scenario day by day and land every raw table.

Each simulated day draws from its own generators (seed, part, day), works on
the bank's state as the previous day left it, and is written as soon as it
is done, so memory stays bounded and a load of N days followed by a load of
K more days continues exactly where the first stopped.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
import pyarrow as pa

from seeds_generator import codes, defects, feedback, typologies
from seeds_generator.behaviour import lookalikes
from seeds_generator.behaviour.authentication import (
    generate_auth_logs,
    generate_logins,
    methods_table,
)
from seeds_generator.behaviour.transactions import day_bounds, normal_day
from seeds_generator.config import TYPOLOGIES, Scenario
from seeds_generator.entities import lifecycle
from seeds_generator.entities.population import (
    ACCOUNT_ID_BASE,
    CUSTOMER_ID_BASE,
    DEVICE_ID_BASE,
    Columns,
    build_banks,
    build_counterparties,
    concat_columns,
    opening_population,
)
from seeds_generator.landing import to_arrow
from seeds_generator.rng import child_rng
from seeds_generator.state import ENTITY_TABLES, BankState, Counters
from seeds_generator.warehouse import Load, read_table

TRANSACTION_ID_BASE = 1_000_000_000
AUTH_LOG_ID_BASE = 2_000_000_000
LOGIN_ID_BASE = 3_000_000_000
KEYS = {"customers": "customer_id", "bank_accounts": "account_id", "devices": "device_id"}

ProgressFn = Callable[[str, int, int], None]


@dataclass
class LoadStats:
    rows: Counter = field(default_factory=Counter)
    cases: Counter = field(default_factory=Counter)
    seen_cases: set = field(default_factory=set)
    defects: Counter = field(default_factory=Counter)
    # what a fresh load over an existing warehouse did not carry over
    # (warehouse.Load.dropped): dbt's schemas, derived from the old rows
    dropped: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)  # schemas it did carry over


def new_state(s: Scenario) -> BankState:
    customers, accounts, devices = opening_population(s)
    banks = build_banks()
    counterparties, external = build_counterparties(s, banks)
    counters = Counters(
        customer_id=CUSTOMER_ID_BASE + customers["customer_id"].size + 1,
        account_id=ACCOUNT_ID_BASE + accounts["account_id"].size + 1,
        device_id=DEVICE_ID_BASE + devices["device_id"].size + 1,
        transaction_id=TRANSACTION_ID_BASE + 1,
        auth_log_id=AUTH_LOG_ID_BASE + 1,
        login_id=LOGIN_ID_BASE + 1,
        case_id=1,
        opening_accounts=int(accounts["account_id"].size),
    )
    state = BankState(
        banks=banks,
        methods=methods_table(),
        customers=customers,
        accounts=accounts,
        devices=devices,
        counterparties=counterparties,
        external_accounts=external,
        counters=counters,
    )
    state.last_device = np.full(customers["customer_id"].size, -1, dtype=np.int64)
    return state


def restore_state(s: Scenario, con, last_load: dict) -> BankState:
    """The state a previous load saved in schema meta."""
    state = new_state(s)  # static parts (banks, counterparties) are seed-derived
    state.customers = read_table(con, "select * from meta.sim_customers order by customer_id")
    state.accounts = read_table(con, "select * from meta.sim_bank_accounts order by account_id")
    state.devices = read_table(con, "select * from meta.sim_devices order by device_id")
    for cols in (state.customers, state.accounts, state.devices):
        for name, values in cols.items():
            if name in ("date_of_birth",):
                cols[name] = values.astype("datetime64[D]")
    extra = read_table(con, "select last_device from meta.sim_customer_state order by customer_id")
    state.last_device = extra["last_device"].astype(np.int64)
    counters = read_table(con, "select * from meta.sim_counters")
    state.counters = Counters(**{k: int(v[0]) for k, v in counters.items()})
    state.days_done = int(last_load["days_done"])
    pending = read_table(con, "select * from meta.sim_pending")
    state.pending = pending if "transaction_ts" in pending else {}
    for name in ("transaction_ts",):
        if name in state.pending:
            state.pending[name] = state.pending[name].astype("datetime64[s]")
    flags = read_table(con, "select table_name, row_index from meta.sim_defective")
    for table in ENTITY_TABLES:
        n = state.entity(table)[KEYS[table]].size
        mask = np.zeros(n, dtype=bool)
        mask[flags["row_index"][flags["table_name"] == table].astype(np.int64)] = True
        state.defective[table] = mask
    return state


def _take(cols: Columns, idx) -> Columns:
    return {k: v[idx] for k, v in cols.items()}


def simulate_day(s: Scenario, state: BankState, day: int) -> dict[str, Columns]:
    """Every event of simulated day ``day``; the state moves to the end of the day."""
    start, end = day_bounds(s, day)
    lifecycle.run_day(child_rng(s.seed, "lifecycle", day), s, state, start)
    normal = normal_day(s, state, day, child_rng(s.seed, "transactions", day))
    looks = lookalikes.day(s, state, day, child_rng(s.seed, "lookalikes", day))
    planned = typologies.plan_day(s, state, day)
    queue = concat_columns([state.pending, planned])
    if queue:
        due = queue["transaction_ts"] < end
        today = _take(queue, due)
        state.pending = _take(queue, ~due)
    else:
        today, state.pending = {}, {}
    tx = concat_columns([normal, looks, today])
    if not tx:
        return {}
    # nothing moves from an account before it was opened (a planned case that
    # would is cut there, as the core system would have refused it)
    opened = state.accounts["opened_at"][state.account_idx(tx["from_account_id"])]
    tx = _take(tx, tx["transaction_ts"] >= opened)
    order = np.lexsort((tx["from_account_id"], tx["transaction_ts"]))
    tx = _take(tx, order)
    tx["transaction_id"] = state.counters.take("transaction_id", order.size)

    done = tx["status"] == codes.STATUS["completed"]
    internal = done & (tx["to_account_internal_id"] >= 0)
    acc = state.accounts
    credited = state.account_idx(tx["to_account_internal_id"][internal])
    np.add.at(acc["balance"], credited, tx["amount"][internal])
    state.mark_touched("bank_accounts", credited)
    online = tx["device_id"] >= 0
    dev_rows = state.device_idx(tx["device_id"][online])
    np.maximum.at(state.devices["last_seen"], dev_rows, tx["transaction_ts"][online])
    state.mark_touched("devices", dev_rows)

    auth = generate_auth_logs(s, state, tx, child_rng(s.seed, "authentication", day))
    auth["auth_log_id"] = state.counters.take("auth_log_id", auth["auth_ts"].size)
    logins = generate_logins(s, state, tx, start, child_rng(s.seed, "logins", day))
    logins["login_id"] = state.counters.take("login_id", logins["login_ts"].size)
    labelled = tx["_case_id"] >= 0
    labels = {
        "transaction_id": tx["transaction_id"][labelled],
        "typology": tx["_typology"][labelled],
        "case_id": tx["_case_id"][labelled],
        "role": tx["_role"][labelled],
    }
    return {
        "payment_transactions": tx,
        "authentication_logs": auth,
        "login_events": logins,
        "fraud_labels": labels,
    }


def run_load(
    s: Scenario,
    path,
    *,
    fresh: bool,
    days: int,
    batch_id: int,
    loaded_at: dt.datetime,
    previous: dict | None = None,
    progress: ProgressFn | None = None,
    command: str = "",
    source: str = "",
    analytics=None,
) -> LoadStats:
    """Simulate ``days`` days and land them atomically at ``path``.

    An append also reads the worked cases the bank published before it (the
    analyst database at ``analytics``, default ``$BANK_ANALYTICS_PATH``) for
    the investigators' dispositions (feedback.py).
    """
    stats = LoadStats()
    published = None if fresh else feedback.read_published_cases(analytics)
    with Load(path, fresh=fresh) as load:
        stats.dropped, stats.kept = list(load.dropped), list(load.kept)
        state = new_state(s) if fresh else restore_state(s, load.con, previous)
        state.start_load(fresh)
        first_day = state.days_done
        defect_rng = child_rng(s.seed, "defects", batch_id)
        for i, day in enumerate(range(first_day, first_day + days)):
            events = simulate_day(s, state, day)
            for table, cols in events.items():
                if table == "fraud_labels":
                    _count_cases(stats, cols)
                else:
                    cols, found = defects.inject_events(
                        s, table, cols, defect_rng, loaded_at, state
                    )
                    _land_defects(load, found, batch_id, loaded_at, stats)
                arrow = to_arrow(table, cols, batch_id, loaded_at)
                load.insert(table, arrow)
                stats.rows[table] += arrow.num_rows
            if progress:
                progress("days", i + 1, days)
        state.days_done = first_day + days
        _land_entities(load, s, state, batch_id, loaded_at, fresh, defect_rng, stats)
        period_end = dt.datetime.combine(s.start_date, dt.time()) + dt.timedelta(
            days=state.days_done
        )
        stats.rows.update(
            feedback.land(
                load,
                s,
                fresh=fresh,
                published=published,
                period_end=period_end,
                batch_id=batch_id,
                loaded_at=loaded_at,
            )
        )
        _save_state(load, state)
        load.record(
            {
                "batch_id": batch_id,
                "loaded_at": loaded_at,
                "scenario": s.name,
                "scenario_source": source,
                "seed": s.seed,
                "start_date": s.start_date,
                "first_day": first_day,
                "days": days,
                "days_done": state.days_done,
                "customers": s.population.customers,
                "transactions": stats.rows["payment_transactions"],
                "command": command,
            }
        )
    return stats


def _count_cases(stats: LoadStats, labels: Columns) -> None:
    if labels["case_id"].size == 0:
        return
    pairs = np.unique(np.stack([labels["typology"].astype(np.int64), labels["case_id"]]), axis=1)
    for typ, case in pairs.T:
        if int(case) not in stats.seen_cases:
            stats.seen_cases.add(int(case))
            stats.cases[TYPOLOGIES[int(typ)]] += 1


def _land_defects(
    load: Load, found: Columns, batch_id: int, loaded_at: dt.datetime, stats: LoadStats
) -> None:
    if not found or found["record_key"].size == 0:
        return
    load.insert("dq_injected_defects", to_arrow("dq_injected_defects", found, batch_id, loaded_at))
    for kind in found["defect_type"]:
        stats.defects[kind] += 1
    stats.rows["dq_injected_defects"] += found["record_key"].size


def _land_entities(
    load: Load,
    s: Scenario,
    state: BankState,
    batch_id: int,
    loaded_at: dt.datetime,
    fresh: bool,
    rng,
    stats: LoadStats,
) -> None:
    static = {
        "banks": state.banks,
        "authentication_methods": state.methods,
        "other_bank_customers": state.counterparties,
        "other_bank_accounts": state.external_accounts,
    }
    if fresh:
        for table, cols in static.items():
            arrow = to_arrow(table, cols, batch_id, loaded_at)
            load.insert(table, arrow)
            stats.rows[table] += arrow.num_rows
    for table in ENTITY_TABLES:
        cols = state.entity(table)
        created = state.created[table]
        changed = state.touched[table] & ~created & ~state.defective[table]
        new_rows, found = defects.inject_entities(
            s, table, _take(cols, created), rng, loaded_at, state
        )
        # remember which rows now carry a defect: they are never rewritten
        if found and found["record_key"].size:
            keys = found["record_key"].astype(np.int64)
            idx = keys - cols[KEYS[table]][0]
            state.defective[table][idx] = True
        load.insert(table, to_arrow(table, new_rows, batch_id, loaded_at))
        load.replace_rows(
            table, KEYS[table], to_arrow(table, _take(cols, changed), batch_id, loaded_at)
        )
        _land_defects(load, found, batch_id, loaded_at, stats)
        stats.rows[table] += int(created.sum() + changed.sum())


def _plain(cols: Columns) -> pa.Table:
    arrays = {}
    for name, values in cols.items():
        if values.dtype.kind == "M":
            arrays[name] = pa.array(values.astype("datetime64[s]"))
        else:
            arrays[name] = pa.array(values, from_pandas=True)
    return pa.table(arrays)


def _save_state(load: Load, state: BankState) -> None:
    load.write_meta("sim_customers", _plain(state.customers))
    load.write_meta("sim_bank_accounts", _plain(state.accounts))
    load.write_meta("sim_devices", _plain(state.devices))
    load.write_meta(
        "sim_customer_state",
        pa.table({"customer_id": state.customers["customer_id"], "last_device": state.last_device}),
    )
    load.write_meta("sim_counters", pa.table({k: [v] for k, v in vars(state.counters).items()}))
    pending = state.pending or {}
    load.write_meta("sim_pending", _plain(pending) if pending else pa.table({"empty": [0]}))
    tables, rows = [], []
    for table in ENTITY_TABLES:
        idx = np.flatnonzero(state.defective[table])
        tables += [table] * idx.size
        rows.append(idx)
    load.write_meta(
        "sim_defective",
        pa.table(
            {
                "table_name": pa.array(tables, pa.string()),
                "row_index": pa.array(np.concatenate(rows) if rows else [], pa.int64()),
            }
        ),
    )


__all__ = ["LoadStats", "new_state", "run_load", "simulate_day"]
