"""Incremental SBV 2345 classification marts equal a full refresh.

Seeds a small warehouse (300 customers, 3 days), builds the classification
marts and their parents, then three times appends a day with the seeder and
runs an incremental `dbt build`; finally copies the warehouse, full-refreshes
the copy and compares every classification mart both ways with EXCEPT ALL.
Snapshots are not rebuilt by --full-refresh: the copy keeps the snapshot
history the incremental runs collected, so the point-in-time columns agree.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import duckdb
import pytest
from conftest import REPO, run_seed

pytestmark = pytest.mark.e2e

MARTS = [
    "fct_transaction_classification",
    "fct_daily_account_summary",
    "fct_daily_customer_summary",
    "fct_daily_bank_kpis",
]
# run stamps: when a row was (re)classified differs by construction
RUN_STAMPS = {"classified_at"}
SELECT = [f"+{m}" for m in MARTS]


def dbt_build(db: Path, work: Path, *extra: str) -> None:
    env = {**os.environ, "BANK_DUCKDB_PATH": str(db), "DBT_PROFILES_DIR": str(REPO)}
    result = subprocess.run(
        [
            str(REPO / ".venv" / "bin" / "dbt"),
            "build",
            "--select",
            *SELECT,
            "--exclude",
            "test_type:unit",
            "--indirect-selection",
            "cautious",
            "--target-path",
            str(work / "target"),
            "--log-path",
            str(work / "logs"),
            *extra,
        ],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stdout[-4000:]


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
        dbt_build(db, tmp_path)

    full = tmp_path / "full.duckdb"
    shutil.copy(db, full)
    dbt_build(full, tmp_path, "--full-refresh")

    con = duckdb.connect(str(db))
    con.execute(f"attach '{full}' as full_refresh (read_only)")
    for mart in MARTS:
        columns = [
            c
            for (c,) in con.execute(
                "select column_name from information_schema.columns "
                "where table_catalog = 'bank' and table_schema = 'marts' "
                "and table_name = ? order by ordinal_position",
                [mart],
            ).fetchall()
            if c not in RUN_STAMPS
        ]
        assert columns, mart
        cols = ", ".join(columns)
        incremental = f"select {cols} from bank.marts.{mart}"
        refreshed = f"select {cols} from full_refresh.marts.{mart}"
        only_incremental = con.execute(
            f"select count(*) from ({incremental} except all {refreshed})"
        ).fetchone()[0]
        only_full = con.execute(
            f"select count(*) from ({refreshed} except all {incremental})"
        ).fetchone()[0]
        rows = con.execute(f"select count(*) from bank.marts.{mart}").fetchone()[0]
        assert rows > 0, mart
        assert (only_incremental, only_full) == (0, 0), mart
    days = con.execute(
        "select count(distinct transaction_date) from marts.fct_transaction_classification"
    ).fetchone()[0]
    assert days >= 6
    con.close()
