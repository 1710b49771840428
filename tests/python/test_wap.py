"""Analysts and the nightly job never block each other; writers never lose a load.

End to end, with dbt: one small bank (300 customers, 5 days) is seeded,
built and published once (``bank-publish -- dbt build``, what ``make
build`` runs); every test works on a copy of its working warehouse and
analyst database, side by side in its own folder (the copies keep the file
names, which are the catalog names dbt's views refer to).
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import duckdb
import pytest
from conftest import REPO, dbt_command, execute, query, run_seed

from bank_ops.lock import EXIT_BUSY, lock_path

pytestmark = pytest.mark.e2e

SEEDED_AT = "2026-11-01T06:00:00"
BIN = Path(sys.executable).parent
COUNTS = (
    "select (select count(*) from marts.fct_transactions), "
    "(select max(transaction_date)::varchar from marts.fct_transactions), "
    "(select count(*) from marts.fct_daily_account_summary), "
    "(select max(version) from publication.versions)"
)


def env_for(folder: Path) -> dict:
    """What ``make`` exports, for the warehouse pair in ``folder``."""
    _, env = dbt_command(folder / "bank.duckdb", folder)
    return {
        **env,
        "BANK_ANALYTICS_PATH": str(folder / "analytics.duckdb"),
        "DBT_TARGET_PATH": str(folder / "target"),
        "DBT_LOG_PATH": str(folder / "logs"),
    }


def publish_build(folder: Path, *dbt_args: str, extra_env: dict | None = None):
    """``bank-publish -- dbt build ...`` (make build) on the pair in ``folder``."""
    argv, _ = dbt_command(folder / "bank.duckdb", folder, "build", *dbt_args)
    return subprocess.run(
        [str(BIN / "bank-publish"), "--", *argv],
        cwd=REPO,
        capture_output=True,
        text=True,
        env={**env_for(folder), **(extra_env or {})},
        timeout=900,
    )


@pytest.fixture(scope="module")
def published(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("published")
    seeded = run_seed(
        "--db", str(folder / "bank.duckdb"), "--customers", "300", "--days", "5",
        "--loaded-at", SEEDED_AT,
    )  # fmt: skip
    assert seeded.returncode == 0, seeded.stderr
    result = publish_build(folder)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert "bank-publish: published" in result.stderr
    return folder


def copy_pair(published: Path, folder: Path) -> Path:
    for name in ("bank.duckdb", "analytics.duckdb"):
        shutil.copy(published / name, folder / name)
    shutil.copytree(published / "target", folder / "target")
    return folder


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


READER = textwrap.dedent(
    """
    import json, sys, duckdb
    con = duckdb.connect(sys.argv[1], read_only=True)
    print(json.dumps(con.execute(sys.argv[2]).fetchone()), flush=True)
    sys.stdin.readline()  # hold the connection until told
    print(json.dumps(con.execute(sys.argv[2]).fetchone()), flush=True)
    """
)

POLLER = textwrap.dedent(
    """
    import json, os, sys, time, duckdb
    seen, errors = [], []
    while not os.path.exists(sys.argv[3]):
        try:
            con = duckdb.connect(sys.argv[1], read_only=True)
            row = con.execute(sys.argv[2]).fetchone()
            con.close()
            if row not in seen:
                seen.append(row)
        except Exception as exc:
            errors.append(str(exc).splitlines()[0])
        time.sleep(0.05)
    print(json.dumps({"seen": seen, "errors": errors}))
    """
)


def test_readers_keep_their_version_while_make_daily_publishes_the_next(published, tmp_path):
    folder = copy_pair(published, tmp_path)
    analytics = folder / "analytics.duckdb"
    before = query(analytics, COUNTS)[0]
    # reader 1 opens the analyst database before the nightly job and keeps it open
    first = subprocess.Popen(
        [sys.executable, "-c", READER, str(analytics), COUNTS],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert tuple(json.loads(first.stdout.readline())) == before
    # reader 2 opens and closes it again and again while the job runs
    stop = folder / "stop"
    poller = subprocess.Popen(
        [sys.executable, "-c", POLLER, str(analytics), COUNTS, str(stop)],
        stdout=subprocess.PIPE,
        text=True,
    )
    daily = subprocess.run(
        ["make", "--no-print-directory", "daily"],
        cwd=REPO,
        capture_output=True,
        text=True,
        env=env_for(folder),
        timeout=900,
    )
    stop.touch()
    polled = json.loads(poller.communicate(timeout=60)[0])
    first.stdin.write("\n")
    first.stdin.flush()
    still = tuple(json.loads(first.stdout.readline()))
    first.wait(timeout=60)
    assert daily.returncode == 0, daily.stdout[-3000:] + daily.stderr[-3000:]
    after = query(analytics, COUNTS)[0]
    # the day was appended, built and published
    assert after[3] == before[3] + 1 and after[1] > before[1] and after[0] > before[0]
    assert after[:3] == query(folder / "bank.duckdb", COUNTS.split(", (select max(version)")[0])[0]
    # reader 1 still reads the version it opened, to the row
    assert still == before
    # reader 2 was never refused, and saw only whole versions
    assert polled["errors"] == []
    assert [tuple(row) for row in polled["seen"]] in ([before], [before, after], [after])


def failing_load(folder: Path) -> None:
    """One raw amount of -5: the quarantine rejects it, and the test that the
    quarantine rejects only injected defects (false_detections = 0) fails."""
    execute(
        folder / "bank.duckdb",
        "update raw.payment_transactions set amount = -5 where transaction_id = "
        "(select min(transaction_id) from raw.payment_transactions where transaction_id "
        "not in (select record_key::bigint from raw.dq_injected_defects "
        "where table_name = 'payment_transactions'))",
    )


def test_a_failed_test_publishes_nothing_and_names_the_failure(published, tmp_path):
    folder = copy_pair(published, tmp_path)
    analytics = folder / "analytics.duckdb"
    before = digest(analytics)
    failing_load(folder)
    result = publish_build(folder)
    assert result.returncode == 1, result.stderr
    failed = [
        name
        for (name,) in query(
            folder / "bank.duckdb",
            "select node_name from audit.dbt_node_results where status = 'fail' and "
            "invocation_id = (select invocation_id from audit.dbt_invocations "
            "order by started_at desc limit 1)",
        )
    ]
    assert any(name.startswith("accepted_values_fct_dq_defect_detection") for name in failed)
    notice = result.stderr.strip().splitlines()[-1]
    assert notice.startswith("bank-publish: not published: the build failed:")
    assert all(name in notice for name in failed)
    assert "analysts keep version 1" in notice
    assert digest(analytics) == before
    assert not list(folder.glob(".analytics.duckdb.publishing-*"))


def test_a_publish_killed_part_way_leaves_a_whole_version_then_the_next_one_publishes(
    published, tmp_path
):
    folder = copy_pair(published, tmp_path)
    analytics, working = folder / "analytics.duckdb", folder / "bank.duckdb"
    before = digest(analytics)
    # a change to every day: the publish rewrites the whole table
    execute(working, "update marts.fct_transactions set amount = amount + 1")
    proc = subprocess.Popen(
        [str(BIN / "bank-publish")], cwd=REPO, env=env_for(folder), stderr=subprocess.PIPE
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and proc.poll() is None:
        if list(folder.glob(".analytics.duckdb.publishing-*")):
            proc.send_signal(signal.SIGKILL)
            break
        time.sleep(0.002)
    proc.wait(timeout=60)
    assert proc.returncode == -signal.SIGKILL, "the publish ended before it could be killed"
    # the analyst database is the old version, whole
    assert digest(analytics) == before
    assert query(analytics, "select max(version) from publication.versions") == [(1,)]
    # the next publish clears the killed one's file and publishes normally
    result = subprocess.run(
        [str(BIN / "bank-publish")], cwd=REPO, env=env_for(folder), capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    assert "stale lock" in result.stderr  # the killed publish's record
    assert not list(folder.glob(".analytics.duckdb.publishing-*"))
    assert query(analytics, "select max(version) from publication.versions") == [(2,)]
    con = duckdb.connect()
    try:
        con.execute(f"attach '{working}' as bank (read_only)")
        con.execute(f"attach '{analytics}' as analytics (read_only)")
        apart = con.execute(
            "select count(*) from (from bank.marts.fct_transactions "
            "except all from analytics.marts.fct_transactions)"
        ).fetchone()
    finally:
        con.close()
    assert apart == (0,)


def readme_blocks(language: str) -> list[str]:
    text = (REPO / "README.md").read_text(encoding="utf-8")
    return re.findall(rf"```{language}\n(.*?)```", text, flags=re.S)


def test_every_documented_reader_opens_the_analyst_database(published, tmp_path):
    """The README's queries, its Python snippet and its analyses (dbt show and
    compile with target analyst) run while a writer holds the working
    warehouse open, which makes any reader of that file fail."""
    folder = copy_pair(published, tmp_path)
    analytics = folder / "analytics.duckdb"
    shell = "\n".join(readme_blocks("bash"))
    python = "\n".join(readme_blocks("python"))
    opened = re.findall(r"duckdb -readonly (\S+)", shell) + re.findall(
        r"duckdb\.connect\(\"([^\"]+)\"", python
    )
    assert opened and set(opened) == {"warehouse/analytics.duckdb"}, opened
    connection = (REPO / "reports/sources/bank/connection.yaml").read_text()
    assert "filename: ../../../warehouse/analytics.duckdb" in connection
    writer = duckdb.connect(str(folder / "bank.duckdb"))  # as dbt or the seeder would
    try:
        con = duckdb.connect(str(analytics), read_only=True)
        try:
            for block in readme_blocks("sql"):
                for statement in filter(str.strip, block.split(";")):
                    assert con.execute(statement).fetchall(), statement
        finally:
            con.close()
        env = env_for(folder)
        shows = [line for line in shell.splitlines() if "dbt show" in line or "dbt compile" in line]
        assert shows and all("--target analyst" in line for line in shows), shows
        for analysis in ("riskiest_customers_this_week", "sbv2345_non_compliance_summary"):
            argv, _ = dbt_command(
                folder / "bank.duckdb", folder, "show", "--target", "analyst",
                "--select", analysis, "--limit", "5", "--output", "json",
            )  # fmt: skip
            result = subprocess.run(argv, cwd=REPO, capture_output=True, text=True, env=env)
            assert result.returncode == 0, result.stdout[-3000:]
        argv, _ = dbt_command(
            folder / "bank.duckdb", folder, "compile", "--target", "analyst",
            "--select", "path:analyses",
        )  # fmt: skip
        result = subprocess.run(argv, cwd=REPO, capture_output=True, text=True, env=env)
        assert result.returncode == 0, result.stdout[-3000:]
        compiled = folder / "target/compiled/bank/analyses/large_value_transactions_to_report.sql"
        con = duckdb.connect(str(analytics), read_only=True)
        try:
            con.execute(compiled.read_text()).fetchall()
        finally:
            con.close()
    finally:
        writer.close()


def test_two_loads_started_together_both_land_in_order(published, tmp_path):
    folder = copy_pair(published, tmp_path)
    working = folder / "bank.duckdb"
    env = env_for(folder)
    loads = [
        subprocess.Popen(
            [str(BIN / "bank-seed"), "--quiet", "--append-days", str(days)],
            cwd=REPO,
            env=env,
            stderr=subprocess.PIPE,
            text=True,
        )
        for days in (2, 1)
    ]
    outcomes = [(proc.wait(timeout=600), proc.stderr.read()) for proc in loads]
    assert [code for code, _ in outcomes] == [0, 0], outcomes
    batches = query(
        working, "select batch_id, first_day, days, days_done from meta.seeder_loads order by 1"
    )
    assert [b[0] for b in batches] == [1, 2, 3]
    # contiguous: each load starts where the one before it ended
    assert all(b[1] == a[3] for a, b in zip(batches, batches[1:], strict=False))
    assert sorted(b[2] for b in batches[1:]) == [1, 2] and batches[-1][3] == 8
    # and each load's rows are there, none claimed without its data
    per_load = "select _batch_id, count(*) > 0 from raw.payment_transactions group by 1"
    assert query(working, per_load + " order by 1") == [(1, True), (2, True), (3, True)]


def test_a_killed_load_does_not_block_the_next_and_dbt_waits_for_a_writer(published, tmp_path):
    folder = copy_pair(published, tmp_path)
    working = folder / "bank.duckdb"
    env = env_for(folder)
    proc = subprocess.Popen(
        [str(BIN / "bank-seed"), "--quiet", "--append-days", "3"], cwd=REPO, env=env
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:  # killed once it writes its copy, lock held
        if (folder / f".bank.duckdb.loading-{proc.pid}").exists():
            break
        time.sleep(0.02)
    record = json.loads(lock_path(working).read_text())
    assert record["pid"] == proc.pid and "--append-days 3" in record["command"]
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    result = subprocess.run(
        [str(BIN / "bank-seed"), "--quiet", "--append-days", "1"],
        cwd=REPO,
        env={**env, "BANK_LOCK_TIMEOUT": "0"},
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert f"cleared a stale lock of pid {proc.pid}" in result.stderr
    assert query(working, "select max(batch_id), max(days_done) from meta.seeder_loads") == [(2, 6)]
    # a writer is running: dbt and a load do not start, say who writes, change nothing
    # it holds the lock far longer than the checks below take on a loaded
    # machine (killed when they are done)
    holder = subprocess.Popen(
        [str(BIN / "bank-lock"), "--", "sleep", "900"], cwd=REPO, env=env, start_new_session=True
    )
    try:
        held = f'"pid": {holder.pid},'
        while not (lock_path(working).exists() and held in lock_path(working).read_text()):
            time.sleep(0.02)
        before = digest(working)
        busy = {**env, "BANK_LOCK_TIMEOUT": "0"}
        argv, _ = dbt_command(working, folder, "run", "--select", "dim_customers")
        run = subprocess.run(argv, cwd=REPO, capture_output=True, text=True, env=busy)
        assert run.returncode != 0
        assert f"being written by pid {holder.pid}" in run.stdout and "sleep 900" in run.stdout
        seed = subprocess.run(
            [str(BIN / "bank-seed"), "--quiet", "--append-days", "1"],
            cwd=REPO,
            env=busy,
            capture_output=True,
            text=True,
        )
        assert seed.returncode == EXIT_BUSY and "sleep 900" in seed.stderr
        assert digest(working) == before
    finally:
        os.killpg(holder.pid, signal.SIGKILL)
        holder.wait()


def test_dbt_names_a_bad_memory_limit_and_changes_nothing(published, tmp_path):
    folder = copy_pair(published, tmp_path)
    before = digest(folder / "bank.duckdb")
    argv, _ = dbt_command(folder / "bank.duckdb", folder, "run", "--select", "dim_customers")
    env = {**env_for(folder), "BANK_DUCKDB_MEMORY_LIMIT": "lots"}
    result = subprocess.run(argv, cwd=REPO, capture_output=True, text=True, env=env)
    assert result.returncode != 0
    assert "BANK_DUCKDB_MEMORY_LIMIT='lots' is not a DuckDB memory size" in result.stdout
    assert digest(folder / "bank.duckdb") == before
