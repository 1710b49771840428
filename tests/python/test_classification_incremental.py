"""Incremental builds equal a full refresh, mart for mart.

Seeds a small warehouse (300 customers, 3 days), builds the project, then
three times appends a day with the seeder and runs an incremental `dbt
build`. A late feed follows (a new load that brings a transaction dated two
days back, on an account that already has transactions that day, and a late
authentication log that confirms an older transfer with a C method, so
Tksth resets there): the incremental run must re-classify those account-days.
Finally the warehouse is copied, the copy full-refreshed, and every mart and
every incremental model is compared both ways with EXCEPT ALL.

The daily builds run as the daily job does, with the data tests in the
latest_load scope (macros/test_scope.sql); the last test shows that scope
reads the latest load only, and the default scope every row.

Snapshots are not rebuilt by --full-refresh: the copy keeps the snapshot
history the incremental runs collected, so the point-in-time columns agree.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import duckdb
import pytest
from conftest import rows_apart, run_dbt, run_seed

pytestmark = pytest.mark.e2e

# the incremental models outside schema marts (quarantine, classification)
INCREMENTAL_MODELS = [
    ("staging", "base_core_banking__payment_transactions_checked"),
    ("staging", "base_core_banking__authentication_logs_checked"),
    ("staging", "base_core_banking__login_events_checked"),
    ("intermediate", "int_transactions_classified"),
]
# the dbt run and test history: it grows with every build by design
HISTORY_MARTS = {"fct_dq_test_history"}
LATE_LOADED_AT = "2026-10-08 07:00:00"
# the daily job's test scope (make daily)
DAILY = ("--vars", "{test_scope: latest_load}")


def dbt(db: Path, work: Path, command: str, *extra: str) -> subprocess.CompletedProcess:
    return run_dbt(db, work, command, "--exclude-resource-type", "unit_test", *extra)


def dbt_build(db: Path, work: Path, *extra: str) -> None:
    # models, snapshots and seeds: the comparisons are of the rows they
    # build (make test's own build runs the data tests on every row)
    result = dbt(db, work, "build", "--exclude-resource-type", "test", *extra)
    assert result.returncode == 0, result.stdout[-4000:]


def land_late_feed(db: Path) -> dict[str, int]:
    """A load of its own (next batch id) with a late transaction and a late
    authentication log, as a core system replaying a delayed feed would send
    them. Returns the ids it touched."""
    con = duckdb.connect(str(db))
    try:
        batch = con.execute("select max(_batch_id) + 1 from raw.payment_transactions").fetchone()[0]
        # a completed I.3 transfer of an individual on the second day, on an
        # account with another transfer that day: its late twin goes first
        original = con.execute(
            """
            select t.transaction_id
            from raw.payment_transactions as t
            inner join raw.customers as c using (customer_id)
            where c.customer_type = 'individual'
              and t.status = 'completed'
              and t.transaction_type = 'transfer_interbank_domestic'
              and cast(t.transaction_ts as date) = date '2026-10-02'
              and (t.from_account_id, cast(t.transaction_ts as date)) in (
                  select (from_account_id, cast(transaction_ts as date))
                  from raw.payment_transactions
                  group by all having count(*) > 1
              )
            order by t.transaction_id
            limit 1
            """
        ).fetchone()[0]
        late_id = con.execute(
            "select max(transaction_id) + 1 from raw.payment_transactions"
        ).fetchone()[0]
        con.execute(
            f"""
            insert into raw.payment_transactions by name
            select * replace (
                {late_id} as transaction_id,
                transaction_ts - interval 1 minute as transaction_ts,
                {batch} as _batch_id,
                timestamp '{LATE_LOADED_AT}' as _loaded_at
            )
            from raw.payment_transactions where transaction_id = {original}
            """
        )
        next_log = con.execute(
            "select max(auth_log_id) + 1 from raw.authentication_logs"
        ).fetchone()[0]
        con.execute(
            f"""
            insert into raw.authentication_logs by name
            select * replace (
                {next_log} as auth_log_id,
                {late_id} as transaction_id,
                {batch} as _batch_id,
                timestamp '{LATE_LOADED_AT}' as _loaded_at
            )
            from raw.authentication_logs where transaction_id = {original}
            """
        )
        # a C-level method with a biometric match, for a completed transfer
        # of the first day that was confirmed below C
        method = con.execute(
            "select auth_method_id from raw.authentication_methods "
            "where security_level = 'C' and customer_type = 'individual' "
            "order by auth_method_id limit 1"
        ).fetchone()[0]
        confirmed = con.execute(
            """
            select t.transaction_id
            from raw.payment_transactions as t
            inner join raw.customers as c using (customer_id)
            inner join raw.authentication_logs as l using (transaction_id)
            inner join raw.authentication_methods as m using (auth_method_id)
            where c.customer_type = 'individual'
              and t.status = 'completed'
              and t.transaction_type = 'transfer_same_bank_diff_owner'
              and cast(t.transaction_ts as date) = date '2026-10-01'
            group by t.transaction_id
            having max(case when l.auth_result = 'success' then m.security_level end) < 'C'
            order by t.transaction_id
            limit 1
            """
        ).fetchone()[0]
        con.execute(
            f"""
            insert into raw.authentication_logs by name
            select
                {next_log + 1} as auth_log_id,
                {confirmed} as transaction_id,
                {method} as auth_method_id,
                'success' as auth_result,
                transaction_ts + interval 30 second as auth_ts,
                null as failure_reason,
                {batch} as _batch_id,
                timestamp '{LATE_LOADED_AT}' as _loaded_at
            from raw.payment_transactions where transaction_id = {confirmed}
            """
        )
        return {"late": late_id, "original": original, "confirmed": confirmed}
    finally:
        con.close()


def compared_relations(con: duckdb.DuckDBPyConnection) -> list[tuple[str, str]]:
    marts = [
        ("marts", name)
        for (name,) in con.execute(
            "select table_name from information_schema.tables "
            "where table_catalog = 'bank' and table_schema = 'marts' order by 1"
        ).fetchall()
        if name not in HISTORY_MARTS
    ]
    return marts + INCREMENTAL_MODELS


def test_incremental_equals_full_refresh(tmp_path):
    db = tmp_path / "bank.duckdb"
    seeded = run_seed(
        "--db",
        str(db),
        "--customers",
        "300",
        "--days",
        "3",
        "--start-date",
        "2026-10-01",
        "--loaded-at",
        "2026-10-04T06:00:00",
    )
    assert seeded.returncode == 0, seeded.stderr
    dbt_build(db, tmp_path)
    for day in range(3):
        loaded_at = f"2026-10-{5 + day:02d}T06:00:00"
        appended = run_seed("--db", str(db), "--append-days", "1", "--loaded-at", loaded_at)
        assert appended.returncode == 0, appended.stderr
        dbt_build(db, tmp_path, *DAILY)
    touched = land_late_feed(db)
    dbt_build(db, tmp_path, *DAILY)

    full = tmp_path / "full.duckdb"
    shutil.copy(db, full)
    dbt_build(full, tmp_path, "--full-refresh")

    con = duckdb.connect(str(db))
    con.execute(f"attach '{full}' as full_refresh (read_only)")
    relations = compared_relations(con)
    assert len(relations) >= 15, relations
    for schema, relation in relations:
        assert rows_apart(con, "bank", "full_refresh", schema, relation) == (0, 0), relation

    # the late rows made it in, and changed what the rules say
    late = con.execute(
        "select daily_group_total_before, transaction_date "
        "from marts.fct_transaction_classification where transaction_id = ?",
        [touched["late"]],
    ).fetchone()
    assert late is not None and str(late[1]) == "2026-10-02"
    original_t = con.execute(
        "select daily_group_total_before from marts.fct_transaction_classification "
        "where transaction_id = ?",
        [touched["original"]],
    ).fetchone()[0]
    late_amount = con.execute(
        "select amount from marts.fct_transaction_classification where transaction_id = ?",
        [touched["late"]],
    ).fetchone()[0]
    # the late twin went one minute earlier, so it is in the original's T
    assert original_t >= late_amount
    assert con.execute(
        "select achieved_auth_level from marts.fct_transaction_classification "
        "where transaction_id = ?",
        [touched["confirmed"]],
    ).fetchone()[0] in ("C", "D")
    days = con.execute(
        "select count(distinct transaction_date) from marts.fct_transaction_classification"
    ).fetchone()[0]
    assert days >= 6
    con.close()
    assert_test_scope(db, tmp_path)


def assert_test_scope(db: Path, work: Path) -> None:
    """A phone number in clear in a row of an earlier load fails the tests
    of the default scope only; in a row of the latest load (the late feed)
    it fails both; an unknown scope fails with its name."""
    corrupt = (
        "update marts.fct_transactions set merchant_category = '0912345678' "
        "where transaction_id = (select min(transaction_id) from marts.fct_transactions "
        "where transaction_batch_id {} (select max(transaction_batch_id) "
        "from marts.fct_transactions))"
    )
    con = duckdb.connect(str(db))
    con.execute(corrupt.format("<"))
    con.close()
    select = ("--select", "fct_transactions")
    assert dbt(db, work, "test", *select, *DAILY).returncode == 0
    everything = dbt(db, work, "test", *select)
    assert everything.returncode == 1
    assert "Failure in test no_pii_values_fct_transactions_" in everything.stdout

    con = duckdb.connect(str(db))
    con.execute(corrupt.format("="))
    con.close()
    latest = dbt(db, work, "test", *select, *DAILY)
    assert latest.returncode == 1
    assert "Failure in test no_pii_values_fct_transactions_" in latest.stdout

    bad = dbt(db, work, "test", *select, "--vars", "{test_scope: everything}")
    assert bad.returncode != 0
    assert "test_scope must be 'all' or 'latest_load', got 'everything'" in bad.stdout
