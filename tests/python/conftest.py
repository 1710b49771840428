"""Shared fixtures: a small seeded warehouse and helpers to run the CLI."""

from __future__ import annotations

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


@pytest.fixture()
def con(small_db):
    connection = duckdb.connect(str(small_db), read_only=True)
    yield connection
    connection.close()


def warehouse_path() -> Path:
    """The warehouse the pipeline built (BANK_DUCKDB_PATH, relative to the repo)."""
    path = Path(os.environ.get("BANK_DUCKDB_PATH", "warehouse/bank.duckdb"))
    return path if path.is_absolute() else REPO / path
