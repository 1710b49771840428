"""Shared fixtures: a small seeded warehouse and helpers to run the CLI."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

REPO = Path(__file__).resolve().parents[2]
PINNED_LOAD = "2026-11-01T06:00:00"


def run_seed(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    """Run ``python -m seeds_generator`` as a user would; never raises."""
    return subprocess.run(
        [sys.executable, "-m", "seeds_generator", "--quiet", *args],
        cwd=REPO,
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        timeout=600,
    )


def dbt_command(db: Path | str, work: Path, *args: str) -> tuple[list[str], dict]:
    """The argv and environment of dbt of this virtualenv on warehouse ``db``
    (a path or ``:memory:``), its target and log folders under ``work``, so
    a test never touches another run's artifacts."""
    env = {
        **os.environ,
        "BANK_DUCKDB_PATH": str(db),
        "DBT_PROFILES_DIR": str(REPO),
        "DBT_SEND_ANONYMOUS_USAGE_STATS": "false",
    }
    argv = [
        str(Path(sys.executable).with_name("dbt")),
        *args,
        "--target-path",
        str(work / "target"),
        "--log-path",
        str(work / "logs"),
    ]
    return argv, env


def run_dbt(
    db: Path | str, work: Path, *args: str, timeout: int = 900
) -> subprocess.CompletedProcess:
    """Run dbt (dbt_command) to the end; never raises."""
    argv, env = dbt_command(db, work, *args)
    return subprocess.run(argv, cwd=REPO, capture_output=True, text=True, env=env, timeout=timeout)


def execute(db: Path, *statements: str) -> None:
    """Run ``statements`` on warehouse ``db``, opened for writing and closed."""
    con = duckdb.connect(str(db))
    try:
        for sql in statements:
            con.execute(sql)
    finally:
        con.close()


def query(db: Path, sql: str) -> list[tuple]:
    """All rows of ``sql`` on warehouse ``db``, opened read-only and closed."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


CLEAN_SCENARIO = """\
name: clean_test
description: the default bank with defect injection off (for validity checks)
defects: {rate: 0.0}
"""


def write_scenario(folder: Path, name: str, text: str) -> Path:
    path = folder / f"{name}.yaml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture(scope="session")
def clean_scenario(tmp_path_factory) -> Path:
    return write_scenario(tmp_path_factory.mktemp("scenarios"), "clean_test", CLEAN_SCENARIO)


@pytest.fixture(scope="session")
def small_db(tmp_path_factory, clean_scenario) -> Path:
    """300 customers over 14 days without defects, loaded once per session."""
    path = tmp_path_factory.mktemp("small") / "bank.duckdb"
    result = run_seed(
        "--db",
        str(path),
        "--scenario",
        str(clean_scenario),
        "--customers",
        "300",
        "--days",
        "14",
        "--loaded-at",
        PINNED_LOAD,
    )
    assert result.returncode == 0, result.stderr
    return path


@pytest.fixture(scope="session")
def manifest(tmp_path_factory) -> dict:
    """dbt's manifest of the project (``dbt parse``, no warehouse needed),
    parsed once per session for the tests that read models, macros and
    unit tests from it."""
    target = tmp_path_factory.mktemp("parse")
    result = run_dbt(":memory:", target, "parse", timeout=300)
    assert result.returncode == 0, result.stdout[-3000:]
    return json.loads((target / "target" / "manifest.json").read_text(encoding="utf-8"))


@pytest.fixture()
def con(small_db):
    connection = duckdb.connect(str(small_db), read_only=True)
    yield connection
    connection.close()


def warehouse_path() -> Path:
    """The warehouse the pipeline built (BANK_DUCKDB_PATH, relative to the repo)."""
    path = Path(os.environ.get("BANK_DUCKDB_PATH", "warehouse/bank.duckdb"))
    return path if path.is_absolute() else REPO / path


# Run stamps: when dbt (re)checked or (re)classified a row. They differ
# between two builds of the same rows by construction, so whole-table
# comparisons leave them out.
RUN_STAMPS = frozenset({"checked_at", "transaction_checked_at", "auth_checked_at", "classified_at"})


def rows_apart(
    con: duckdb.DuckDBPyConnection, left: str, right: str, schema: str, relation: str
) -> tuple[int, int]:
    """Rows of ``schema.relation`` only in database ``left`` and only in
    ``right`` (both attached to ``con``), EXCEPT ALL both ways, every column
    but the run stamps; (0, 0) when the two tables hold the same rows."""
    columns = [
        c
        for (c,) in con.execute(
            "select column_name from information_schema.columns "
            "where table_catalog = ? and table_schema = ? "
            "and table_name = ? order by ordinal_position",
            [left, schema, relation],
        ).fetchall()
        if c not in RUN_STAMPS
    ]
    assert columns, f"{left}.{schema}.{relation} does not exist"
    cols = ", ".join(f'"{c}"' for c in columns)
    a = f"select {cols} from {left}.{schema}.{relation}"
    b = f"select {cols} from {right}.{schema}.{relation}"
    only_left = con.execute(f"select count(*) from ({a} except all {b})").fetchone()[0]
    only_right = con.execute(f"select count(*) from ({b} except all {a})").fetchone()[0]
    return only_left, only_right
