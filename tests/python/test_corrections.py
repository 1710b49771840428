"""Nothing silently wrong after corrections, faults and re-seeds (dbt, end to end).

A source system corrects and re-sends rows inside loads the warehouse has
already checked; a nightly build gets killed; someone re-seeds a built
warehouse; a feed arrives with a row the quarantine cannot place or a value
that does not convert; a raw table gains or loses a column. In each case the
incremental build must end with what a build from scratch of the same raw
rows gives, compared table by table with EXCEPT ALL both ways (every column
but the run stamps), or stop with an error that says what is wrong.

One small warehouse (300 customers, 5 days, the default scenario with its
injected defects) is seeded and built once; every test works on a copy.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import time
from pathlib import Path

import duckdb
import pytest
from conftest import REPO, dbt_command, execute, query, rows_apart, run_dbt, run_seed

pytestmark = pytest.mark.e2e

SEEDED_AT = "2026-11-01T06:00:00"
COMPLIANCE = ("--selector", "compliance")
WITHOUT_TESTS = ("--exclude-resource-type", "test", "--exclude-resource-type", "unit_test")
# grows with every build by design: the dbt run and test history
HISTORY = {"fct_dq_test_history", "stg_audit__dbt_invocations", "stg_audit__dbt_node_results"}


def dbt_run(db: Path, work: Path, *extra: str) -> subprocess.CompletedProcess:
    """The compliance models and snapshots, without their tests."""
    result = run_dbt(db, work, "build", *COMPLIANCE, *WITHOUT_TESTS, *extra)
    assert result.returncode == 0, result.stdout[-4000:]
    return result


def seed(db: Path, *args: str) -> None:
    result = run_seed("--db", str(db), *args)
    assert result.returncode == 0, result.stderr


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    """The default bank, 300 customers over 5 days, seeded and built."""
    folder = tmp_path_factory.mktemp("built")
    db = folder / "bank.duckdb"
    seed(db, "--customers", "300", "--days", "5", "--loaded-at", SEEDED_AT)
    dbt_run(db, folder)
    return db


def copy_of(built: Path, folder: Path, name: str = "bank") -> Path:
    db = folder / f"{name}.duckdb"
    shutil.copy(built, db)
    return db


def built_tables(con: duckdb.DuckDBPyConnection, catalog: str) -> list[tuple[str, str]]:
    """Every table dbt built (views read the raw rows directly)."""
    return [
        (schema, name)
        for schema, name in con.execute(
            "select table_schema, table_name from information_schema.tables "
            "where table_catalog = ? and table_type = 'BASE TABLE' "
            "and table_schema in ('staging', 'intermediate', 'marts') order by 1, 2",
            [catalog],
        ).fetchall()
        if name not in HISTORY
    ]


def assert_same_as_from_scratch(db: Path, work: Path) -> None:
    """``db`` holds what a --full-refresh of its raw rows builds, table by table."""
    scratch = work / "scratch.duckdb"
    shutil.copy(db, scratch)
    dbt_run(scratch, work, "--full-refresh")
    con = duckdb.connect(":memory:")
    try:
        con.execute(f"attach '{db}' as incremental (read_only)")
        con.execute(f"attach '{scratch}' as scratch (read_only)")
        tables = built_tables(con, "incremental")
        assert len(tables) >= 20, tables
        assert tables == built_tables(con, "scratch")
        differing = {
            f"{schema}.{name}": apart
            for schema, name in tables
            if (apart := rows_apart(con, "incremental", "scratch", schema, name)) != (0, 0)
        }
        assert differing == {}, "rows only in the incremental build / only in a full refresh"
    finally:
        con.close()


def rejections(db: Path, table: str, key: int) -> list[str]:
    return [
        reason
        for (reason,) in query(
            db,
            "select rejection_reason from marts.fct_dq_rejected_records "
            f"where table_name = '{table}' and record_key = '{key}' order by 1",
        )
    ]


def test_corrections_in_a_checked_load_reach_staging_and_marts(built, tmp_path):
    db = copy_of(built, tmp_path)
    ids = [
        i
        for (i,) in query(
            db,
            "select transaction_id from staging.stg_core_banking__payment_transactions "
            "where batch_id = 1 and status = 'completed' "
            "and transaction_type = 'transfer_same_bank_diff_owner' "
            "and transaction_id in (select transaction_id from raw.authentication_logs "
            "where auth_result = 'success') order by 1 limit 5",
        )
    ]
    raised, invalid, deleted, retyped, reauthenticated = ids
    (new_id,) = query(db, "select max(transaction_id) + 1 from raw.payment_transactions")[0]
    (old_amount,) = query(
        db, f"select amount from marts.fct_transactions where transaction_id = {raised}"
    )[0]
    execute(
        db,
        # corrected in place: a new amount, a value now invalid, a new type
        f"update raw.payment_transactions set amount = amount + 1000000 "
        f"where transaction_id = {raised}",
        "update raw.payment_transactions set amount = -5, currency = 'USD' "
        f"where transaction_id = {invalid}",
        "update raw.payment_transactions set transaction_type = 'transfer_interbank_domestic' "
        f"where transaction_id = {retyped}",
        # one row deleted and another inserted in the same load: same count
        f"insert into raw.payment_transactions by name select * replace ({new_id} "
        f"as transaction_id) from raw.payment_transactions where transaction_id = {deleted}",
        f"delete from raw.payment_transactions where transaction_id = {deleted}",
        # an authentication log corrected: the confirmation failed after all
        "update raw.authentication_logs set auth_result = 'failed', "
        "failure_reason = 'wrong_otp' "
        f"where transaction_id = {reauthenticated} and auth_result = 'success'",
    )
    dbt_run(db, tmp_path)

    facts = dict(
        query(
            db,
            "select transaction_id, amount from marts.fct_transactions "
            f"where transaction_id in ({raised}, {invalid}, {deleted}, {new_id})",
        )
    )
    # the corrected amount; the invalid and the deleted rows gone, the new one in
    assert set(facts) == {raised, new_id}
    assert facts[raised] == old_amount + 1_000_000
    assert rejections(db, "payment_transactions", invalid) == [
        "currency_mismatch",
        "negative_amount",
    ]
    assert query(
        db,
        "select transaction_type from marts.fct_transaction_classification "
        f"where transaction_id = {retyped}",
    ) == [("transfer_interbank_domestic",)]
    assert_same_as_from_scratch(db, tmp_path)


def test_a_late_log_that_a_recheck_rejects_leaves_its_transaction(built, tmp_path):
    """A late authentication log (a later load) for a transaction of load 1,
    then corrected in raw into one the quarantine rejects: its load then
    has no row in staging, and the transaction goes back to the attempts
    of load 1, in the authentication results and the classification."""
    db = copy_of(built, tmp_path)
    (transaction, log, batch) = query(
        db,
        "select transaction_id, min(auth_log_id), max(_batch_id) + 1 "
        "from raw.authentication_logs group by transaction_id "
        "having count(*) = 1 and bool_and(auth_result = 'success') order by 1 limit 1",
    )[0]
    (top,) = query(db, "select max(auth_log_id) from raw.authentication_logs")[0]

    def attempts() -> list[tuple]:
        return query(
            db,
            "select auth_attempt_count, auth_batch_id "
            "from intermediate.int_transactions_authenticated "
            f"where transaction_id = {transaction}",
        )

    execute(
        db,
        f"insert into raw.authentication_logs by name select * replace ({top + 1} "
        f"as auth_log_id, {batch} as _batch_id, _loaded_at + interval 1 day as _loaded_at) "
        f"from raw.authentication_logs where auth_log_id = {log}",
    )
    dbt_run(db, tmp_path)
    assert attempts() == [(2, batch)]

    execute(
        db,
        f"update raw.authentication_logs set auth_result = 'bogus' where auth_log_id = {top + 1}",
    )
    dbt_run(db, tmp_path)
    assert rejections(db, "authentication_logs", top + 1) == ["unknown_enum"]
    assert attempts() == [(1, 1)]
    assert_same_as_from_scratch(db, tmp_path)


def test_reconciliation_fails_when_raw_rows_are_lost_or_stale(built, tmp_path):
    db = copy_of(built, tmp_path)
    (lost, edited) = [
        i
        for (i,) in query(
            db,
            "select transaction_id from raw.payment_transactions order by 1 limit 2",
        )
    ]
    execute(
        db,
        f"delete from raw.payment_transactions where transaction_id = {lost}",
        "update raw.payment_transactions set description = 'edited at the source' "
        f"where transaction_id = {edited}",
        "update raw.customers set full_name = upper(full_name) "
        "where customer_id = (select min(customer_id) from raw.customers)",
    )
    # nothing rebuilt but the reconciliation: the quarantine still holds the
    # rows as they were, so raw and the quarantine disagree
    rebuilt = run_dbt(db, tmp_path, "run", "--select", "fct_dq_reconciliation")
    assert rebuilt.returncode == 0, rebuilt.stdout[-4000:]
    rows = dict(
        query(
            db,
            "select table_name, (raw_rows, checked_rows, is_content_matched, is_reconciled) "
            "from marts.fct_dq_reconciliation",
        )
    )
    raw_rows = query(db, "select count(*) from raw.payment_transactions")[0][0]
    assert rows["payment_transactions"] == (raw_rows, raw_rows + 1, False, False)
    assert rows["customers"][2:] == (False, False)
    assert rows["banks"][2:] == (True, True)
    tested = run_dbt(db, tmp_path, "test", "--select", "fct_dq_reconciliation")
    assert tested.returncode == 1, tested.stdout[-4000:]
    assert "FAIL" in tested.stdout and "is_reconciled" in tested.stdout
    # the staging feed's own reconciliation test sees it too
    tested = run_dbt(
        db,
        tmp_path,
        "test",
        "--select",
        "stg_core_banking__payment_transactions,test_name:dq_reconciles_with_source",
    )
    assert tested.returncode == 1, tested.stdout[-4000:]


def test_reseeding_a_built_warehouse_gives_the_marts_of_the_new_bank(built, tmp_path):
    db = copy_of(built, tmp_path)
    # the same bank, fewer days: the next build must not keep the old rows
    seed(db, "--customers", "300", "--days", "3", "--loaded-at", SEEDED_AT)
    assert query(
        db,
        "select count(*) from information_schema.schemata "
        "where catalog_name = 'bank' and schema_name in ('staging', 'intermediate', "
        "'marts', 'snapshots')",
    ) == [(0,)]
    dbt_run(db, tmp_path)
    fresh = tmp_path / "fresh.duckdb"
    seed(fresh, "--customers", "300", "--days", "3", "--loaded-at", SEEDED_AT)
    dbt_run(fresh, tmp_path)
    con = duckdb.connect(":memory:")
    try:
        con.execute(f"attach '{db}' as reseeded (read_only)")
        con.execute(f"attach '{fresh}' as fresh (read_only)")
        tables = built_tables(con, "reseeded")
        assert tables == built_tables(con, "fresh")
        for schema, name in tables:
            assert rows_apart(con, "reseeded", "fresh", schema, name) == (0, 0), name
    finally:
        con.close()

    # another bank altogether (seed, start date): no id of the old one survives
    other = copy_of(built, tmp_path, "other")
    seed(
        other,
        "--customers",
        "300",
        "--days",
        "3",
        "--seed",
        "7",
        "--start-date",
        "2026-09-01",
        "--loaded-at",
        SEEDED_AT,
    )
    built_ok = run_dbt(
        other, tmp_path, "build", *COMPLIANCE, "--exclude-resource-type", "unit_test"
    )
    assert built_ok.returncode == 0, built_ok.stdout[-4000:]
    assert query(
        other,
        "select count(*), count(distinct transaction_id), min(transaction_date) "
        "from marts.fct_transactions",
    ) == query(
        other,
        "select count(*), count(distinct transaction_id), min(cast(transaction_ts as date)) "
        "from staging.stg_core_banking__payment_transactions",
    )


def test_a_killed_nightly_build_then_the_next_load_recovers(built, tmp_path):
    db = copy_of(built, tmp_path)
    seed(db, "--append-days", "1", "--loaded-at", "2026-11-02T06:00:00")
    wal = Path(f"{db}.wal")
    argv, env = dbt_command(db, tmp_path, "build", *COMPLIANCE, *WITHOUT_TESTS)
    nightly = subprocess.Popen(
        argv,
        cwd=REPO,
        env=env,
        stdout=subprocess.DEVNULL,
        start_new_session=True,
    )
    # killed once it has committed work it has not checkpointed (the log
    # grows past the first models), as an out-of-memory kill would
    deadline = time.monotonic() + 120
    while nightly.poll() is None and time.monotonic() < deadline:
        if wal.exists() and wal.stat().st_size > 1_000_000:
            break
        time.sleep(0.05)
    assert nightly.poll() is None, "the build ended before it could be killed"
    os.killpg(nightly.pid, signal.SIGKILL)
    nightly.wait()
    assert wal.exists()

    seed(db, "--append-days", "1", "--loaded-at", "2026-11-03T06:00:00")
    assert not wal.exists()
    dbt_run(db, tmp_path)
    assert query(
        db,
        "select count(*) - count(distinct transaction_id) from marts.fct_transactions",
    ) == [(0,)]
    assert_same_as_from_scratch(db, tmp_path)


def test_rows_without_load_audit_are_rejected(built, tmp_path):
    db = copy_of(built, tmp_path)
    (first, second) = [
        i for (i,) in query(db, "select transaction_id from raw.payment_transactions limit 2")
    ]
    (top,) = query(db, "select max(transaction_id) from raw.payment_transactions")[0]
    execute(
        db,
        f"insert into raw.payment_transactions by name select * replace ({top + 1} "
        f"as transaction_id, null as _batch_id) from raw.payment_transactions "
        f"where transaction_id = {first}",
        f"insert into raw.payment_transactions by name select * replace ({top + 2} "
        f"as transaction_id, null as _loaded_at) from raw.payment_transactions "
        f"where transaction_id = {second}",
    )
    dbt_run(db, tmp_path)
    for key in (top + 1, top + 2):
        assert rejections(db, "payment_transactions", key) == ["missing_load_audit"]
    assert query(
        db,
        "select count(*) from staging.stg_core_banking__payment_transactions "
        f"where transaction_id > {top}",
    ) == [(0,)]


def test_an_unconvertible_value_is_quarantined_and_the_feed_goes_on(built, tmp_path):
    db = copy_of(built, tmp_path)
    (top, batch) = query(
        db, "select max(transaction_id), max(_batch_id) from raw.payment_transactions"
    )[0]
    execute(
        db,
        # the source sends amounts as text now, one of them not a number
        "alter table raw.payment_transactions alter amount type varchar",
        *(
            f"insert into raw.payment_transactions by name select * replace ("
            f"{top + n} as transaction_id, {amount} as amount, {batch + 1} as _batch_id, "
            f"_loaded_at + interval 1 day as _loaded_at) from raw.payment_transactions "
            f"where transaction_id = {top}"
            for n, amount in ((1, "'abc'"), (2, "'125000.00'"))
        ),
    )
    dbt_run(db, tmp_path)
    # the amount counts as missing for the other rules, and amount is required
    assert rejections(db, "payment_transactions", top + 1) == [
        "null_required",
        "unconvertible_value",
    ]
    assert query(
        db,
        "select transaction_id, amount from staging.stg_core_banking__payment_transactions "
        f"where transaction_id > {top}",
    ) == [(top + 2, 125000)]


def test_schema_drift_warns_and_a_missing_column_is_named(built, tmp_path):
    db = copy_of(built, tmp_path)
    execute(db, "alter table raw.customers add column nickname varchar")
    drifted = run_dbt(db, tmp_path, "run", "--select", "base_core_banking__customers")
    assert drifted.returncode == 0, drifted.stdout[-4000:]
    assert "schema drift" in drifted.stdout and "nickname" in drifted.stdout

    execute(db, "alter table raw.devices drop column os_info")
    missing = run_dbt(db, tmp_path, "run", "--select", "base_core_banking__devices")
    assert missing.returncode == 1
    assert "raw table raw.devices lacks column(s) os_info" in missing.stdout
