"""What comes back to the bank: investigators' dispositions and customers'
fraud complaints, two raw feeds (docs/raw-contract.md).

The simulator plays the bank's fraud team and its customers.

* ``raw.case_dispositions``: the investigators' decision on every case the
  bank *published* as worked (``marts.fct_cases`` of the analyst database,
  read once, read-only, before the load). The truth is in the raw tables
  (the previous loads' rows and this load's): a case is fraud when its
  customer initiated, or received on an account of this bank, a labelled
  transaction dated from ``lookback_days`` before the case opened to the day
  it was worked. The decision is the truth, wrong with probability
  ``disposition_error_rate``; it is taken ``disposition_delay_min_days`` to
  ``disposition_delay_max_days`` days after the worked day, in office hours.
* ``raw.fraud_complaints``: one per fraud case and victim (a customer whose
  transactions the case labels ``victim``), with probability
  ``complaint_rate``, about the case's first such transaction of the victim,
  ``complaint_delay_min_days`` to ``complaint_delay_max_days`` days (and a
  random time of day) after it.

Every draw is a pure function of the scenario seed, the draw's name and the
row's key (rng.hash_uniform), never of the load that makes it or of row
order: a row not due yet is derived again, the same, by a later load. A
load lands the rows dated before its simulated period's end (a feed cannot
hold the future) that no earlier load landed.

Dispositions need the analyst database of this bank. A fresh load has none
(what is published there describes the bank the load replaces), and a
database that records its publications (schema ``publication``, written by
bank-publish) counts only when its latest version was built from this
warehouse: its dbt invocation is in the warehouse's ``audit.dbt_invocations``
and is not one that predates the warehouse's first load (kept in
``meta.sim_foreign_invocations`` by a fresh load).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import duckdb
import numpy as np
import pyarrow as pa

from bank_ops.publish import analytics_path
from seeds_generator.config import Scenario
from seeds_generator.contract import CASE_DECISIONS
from seeds_generator.landing import to_arrow
from seeds_generator.rng import hash_integers, hash_strings, hash_uniform
from seeds_generator.warehouse import META_SCHEMA, Load, WarehouseError, read_table

DAY = np.timedelta64(1, "D")
MINUTE = np.timedelta64(60, "s")
SECOND = np.timedelta64(1, "s")
OFFICE_HOURS = (8 * 60, 18 * 60 - 1)  # minute of the day: 08:00 to 17:59
# complaint_id = fraud case id x this + customer id: unique while customer
# ids stay below it (they stay below the account ids, population.py)
COMPLAINT_ID_FACTOR = 1_000_000_000
FOREIGN_INVOCATIONS = f"{META_SCHEMA}.sim_foreign_invocations"
CASES = ("marts", "fct_cases")
VERSIONS = ("publication", "versions")


@dataclass(frozen=True)
class Published:
    """The worked cases an analyst database holds, and which build made them."""

    cases: pa.Table  # case_id, customer_id, opened_date, worked_date
    # its latest publication's dbt invocation; None: no publication record
    # (a database written by hand or another tool), "" no version in it
    invocation_id: str | None


def read_published_cases(path: Path | None = None) -> Published | None:
    """The worked cases of the analyst database at ``path`` (default
    ``$BANK_ANALYTICS_PATH``), opened read-only and closed at once; None when
    the file or its ``marts.fct_cases`` does not exist."""
    path = analytics_path() if path is None else Path(path)
    if not path.is_file():
        return None
    try:
        con = duckdb.connect(str(path), read_only=True)
    except duckdb.Error as exc:
        raise _unreadable(path, exc) from exc
    try:
        tables = set(
            con.execute(
                "select schema_name, table_name from duckdb_tables() "
                "where database_name = current_database()"
            ).fetchall()
        )
        if CASES not in tables:
            return None
        cases = con.execute(
            """select cast(case_id as varchar) as case_id,
                      cast(customer_id as bigint) as customer_id,
                      cast(opened_date as date) as opened_date,
                      cast(worked_date as date) as worked_date
               from marts.fct_cases
               where is_worked and worked_date is not null and case_id is not null
               order by case_id"""
        ).fetch_arrow_table()
        invocation = None
        if VERSIONS in tables:
            latest = con.execute(
                "select dbt_invocation_id from publication.versions order by version desc limit 1"
            ).fetchone()
            invocation = (latest[0] or "") if latest else ""
    except duckdb.Error as exc:
        raise _unreadable(path, exc) from exc
    finally:
        con.close()
    return Published(cases=cases, invocation_id=invocation)


def _unreadable(path: Path, exc: duckdb.Error) -> WarehouseError:
    return WarehouseError(
        f"cannot read the published cases (marts.fct_cases) of the analyst database "
        f"{str(path)!r} for the investigators' dispositions: {str(exc).splitlines()[0]}"
    )


def land(
    load: Load,
    s: Scenario,
    *,
    fresh: bool,
    published: Published | None,
    period_end: dt.datetime,
    batch_id: int,
    loaded_at: dt.datetime,
) -> dict[str, int]:
    """Land this load's dispositions and complaints; their row counts."""
    load.flush()  # every event and entity of this load is in raw
    con = load.con
    if fresh:
        _remember_foreign_invocations(con)
        dispositions = {}
    elif published is None or not _built_here(con, published.invocation_id):
        dispositions = {}
    else:
        dispositions = _dispositions(con, s, published.cases, period_end)
    complaints = _complaints(con, s, period_end)
    counts = {}
    for table, cols in (("case_dispositions", dispositions), ("fraud_complaints", complaints)):
        arrow = to_arrow(table, cols, batch_id, loaded_at)
        load.insert(table, arrow)
        counts[table] = arrow.num_rows
    load.flush()
    return counts


def _exists(con: duckdb.DuckDBPyConnection, schema: str, table: str) -> bool:
    return bool(
        con.execute(
            "select count(*) from duckdb_tables() where database_name = current_database() "
            "and schema_name = ? and table_name = ?",
            [schema, table],
        ).fetchone()[0]
    )


def _remember_foreign_invocations(con: duckdb.DuckDBPyConnection) -> None:
    """A fresh load keeps dbt's run history (schema audit) of the bank it
    replaces: remember those builds, whose published cases are not this bank's."""
    con.execute(f"create or replace table {FOREIGN_INVOCATIONS} (invocation_id varchar)")
    if _exists(con, "audit", "dbt_invocations"):
        con.execute(
            f"insert into {FOREIGN_INVOCATIONS} "
            "select distinct invocation_id from audit.dbt_invocations "
            "where invocation_id is not null order by 1"
        )


def _built_here(con: duckdb.DuckDBPyConnection, invocation_id: str | None) -> bool:
    """Whether the published cases come from a dbt build of this warehouse."""
    if invocation_id is None:
        return True  # no publication record to check against
    if not invocation_id or not _exists(con, "audit", "dbt_invocations"):
        return False
    found = con.execute(
        "select count(*) from audit.dbt_invocations where invocation_id = ?", [invocation_id]
    ).fetchone()[0]
    if not found:
        return False
    schema, _, table = FOREIGN_INVOCATIONS.partition(".")
    if _exists(con, schema, table):
        foreign = con.execute(
            f"select count(*) from {FOREIGN_INVOCATIONS} where invocation_id = ?",
            [invocation_id],
        ).fetchone()[0]
        return not foreign
    return True


_TRUTH_SQL = """
with

cases as (
    select case_id, customer_id, opened_date, worked_date
    from published_cases
    where case_id not in (
        select case_id from raw.case_dispositions where case_id is not null
    )
),

owners as (
    select account_id, min(customer_id) as customer_id
    from raw.bank_accounts
    where account_id is not null and customer_id is not null
    group by account_id
),

fraud_transactions as (
    select distinct
        transaction_id,
        customer_id,
        to_account_internal_id,
        cast(transaction_ts as date) as transaction_date
    from raw.payment_transactions
    where transaction_id in (select transaction_id from raw.fraud_labels)
      and transaction_ts is not null
),

-- the customers a labelled transaction involves: its initiator and the
-- owner of the account of this bank it credits
involved as (
    select customer_id, transaction_date
    from fraud_transactions
    where customer_id is not null
    union
    select owners.customer_id, fraud_transactions.transaction_date
    from fraud_transactions
    inner join owners on fraud_transactions.to_account_internal_id = owners.account_id
),

truth as (
    select
        cases.case_id,
        count(involved.customer_id) > 0 as is_fraud
    from cases
    left join involved
        on cases.customer_id = involved.customer_id
        and involved.transaction_date >= cases.opened_date - cast($lookback as integer)
        and involved.transaction_date <= cases.worked_date
    group by cases.case_id
)

select cases.case_id, cases.customer_id, cases.worked_date, truth.is_fraud
from cases
inner join truth on cases.case_id = truth.case_id
order by cases.case_id
"""


def _dispositions(
    con: duckdb.DuckDBPyConnection, s: Scenario, cases: pa.Table, period_end: dt.datetime
) -> dict[str, np.ndarray]:
    f = s.feedback
    con.register("published_cases", cases)
    try:
        rows = con.execute(_TRUTH_SQL, {"lookback": f.lookback_days}).fetch_arrow_table()
    finally:
        con.unregister("published_cases")
    if rows.num_rows == 0:
        return {}
    case_id = np.asarray(rows.column("case_id").to_numpy(zero_copy_only=False), dtype=str)
    key = hash_strings(case_id)
    wrong = hash_uniform(s.seed, "disposition_error", key) < f.disposition_error_rate
    fraud = np.asarray(rows.column("is_fraud").to_numpy(zero_copy_only=False), dtype=bool)
    delay = hash_integers(
        s.seed, "disposition_delay", f.disposition_delay_min_days, f.disposition_delay_max_days, key
    )
    minute = hash_integers(s.seed, "disposition_minute", *OFFICE_HOURS, key)
    worked = rows.column("worked_date").to_numpy(zero_copy_only=False).astype("datetime64[D]")
    decided_at = worked.astype("datetime64[s]") + delay * DAY + minute * MINUTE
    keep = decided_at < np.datetime64(period_end, "s")
    decision = np.where(fraud ^ wrong, CASE_DECISIONS[0], CASE_DECISIONS[1])
    customer = rows.column("customer_id").to_numpy(zero_copy_only=False)
    return {
        "case_id": case_id[keep],
        "customer_id": np.asarray(customer, dtype=np.int64)[keep],
        "decision": decision[keep],
        "decided_at": decided_at[keep],
    }


_VICTIMS_SQL = f"""
with

victims as (
    select distinct
        labels.case_id as fraud_case_id,
        transactions.customer_id,
        transactions.transaction_id,
        transactions.transaction_ts
    from raw.fraud_labels as labels
    inner join raw.payment_transactions as transactions
        on labels.transaction_id = transactions.transaction_id
    where labels.role = 'victim'
      and labels.case_id is not null
      and transactions.customer_id is not null
      and transactions.transaction_ts is not null
),

firsts as (
    select
        fraud_case_id * {COMPLAINT_ID_FACTOR} + customer_id as complaint_id,
        fraud_case_id,
        customer_id,
        transaction_id,
        transaction_ts
    from victims
    qualify row_number() over (
        partition by fraud_case_id, customer_id
        order by transaction_ts, transaction_id
    ) = 1
)

select complaint_id, fraud_case_id, customer_id, transaction_id, transaction_ts
from firsts
where complaint_id not in (
    select complaint_id from raw.fraud_complaints where complaint_id is not null
)
order by complaint_id
"""


def _complaints(
    con: duckdb.DuckDBPyConnection, s: Scenario, period_end: dt.datetime
) -> dict[str, np.ndarray]:
    f = s.feedback
    rows = read_table(con, _VICTIMS_SQL)
    if rows["complaint_id"].size == 0:
        return {}
    keys = (rows["fraud_case_id"].astype(np.int64), rows["customer_id"].astype(np.int64))
    reports = hash_uniform(s.seed, "complaint", *keys) < f.complaint_rate
    delay = hash_integers(
        s.seed, "complaint_delay", f.complaint_delay_min_days, f.complaint_delay_max_days, *keys
    )
    second = hash_integers(s.seed, "complaint_second", 0, 86_399, *keys)
    reported_at = rows["transaction_ts"].astype("datetime64[s]") + delay * DAY + second * SECOND
    keep = reports & (reported_at < np.datetime64(period_end, "s"))
    return {
        "complaint_id": rows["complaint_id"].astype(np.int64)[keep],
        "customer_id": keys[1][keep],
        "transaction_id": rows["transaction_id"].astype(np.int64)[keep],
        "reported_at": reported_at[keep],
    }


__all__ = ["Published", "land", "read_published_cases"]
