"""The built product, as `make run` / `make test` leave it: warehouse layers,
dbt docs site, and a dbt project that parses without deprecation warnings.

These tests read what the pipeline built (BANK_DUCKDB_PATH, target/); they
fail, rather than skip, when it is missing.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest
from conftest import REPO, warehouse_path

from seeds_generator.contract import RAW_TABLES

pytestmark = pytest.mark.e2e
DOCS = REPO / "target" / "static_index.html"


@pytest.fixture(scope="module")
def warehouse():
    path = warehouse_path()
    if not path.is_file():
        pytest.fail(f"warehouse {path} missing: run `make run` (or make seed build) first")
    con = duckdb.connect(str(path), read_only=True)
    yield con
    con.close()


def test_every_layer_is_in_the_warehouse(warehouse):
    relations = {
        (schema, name)
        for schema, name in warehouse.execute(
            "select table_schema, table_name from information_schema.tables"
        ).fetchall()
    }
    for table in RAW_TABLES:
        assert ("raw", table) in relations
        assert ("staging", f"stg_core_banking__{table}") in relations
    assert ("marts", "fct_transactions") in relations


def test_fct_transactions_has_every_staged_transaction(warehouse):
    staged = warehouse.execute(
        "select count(*) from staging.stg_core_banking__payment_transactions"
    ).fetchone()[0]
    mart = warehouse.execute("select count(*) from marts.fct_transactions").fetchone()[0]
    assert staged > 1_000
    assert mart == staged


def test_marts_hold_no_personal_data(warehouse):
    columns = {
        c
        for (c,) in warehouse.execute(
            "select column_name from information_schema.columns where table_schema = 'marts'"
        ).fetchall()
    }
    assert not columns & {"national_id", "full_name", "phone_number", "email", "address"}


def test_docs_site_lists_the_models():
    if not DOCS.is_file():
        pytest.fail(f"{DOCS} missing: run `make docs` first")
    html = DOCS.read_text(encoding="utf-8")
    # the static page embeds the manifest; its node ids name every model
    expected = [f"model.bank.stg_core_banking__{t}" for t in RAW_TABLES]
    expected.append("model.bank.fct_transactions")
    missing = [node for node in expected if node not in html]
    assert not missing, missing
    assert re.search(r"source\.bank\.core_banking\.payment_transactions", html)


def test_dbt_parses_without_deprecation_warnings(tmp_path):
    env = {**os.environ, "DBT_PROFILES_DIR": str(REPO), "BANK_DUCKDB_PATH": ":memory:"}
    dbt = Path(sys.executable).with_name("dbt")
    result = subprocess.run(
        [
            str(dbt),
            "parse",
            "--no-partial-parse",
            "--target-path",
            str(tmp_path / "t"),
            "--log-format",
            "json",
        ],
        cwd=REPO,
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    events = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
    assert events, "dbt printed no structured log"
    deprecations = [
        e["info"]["msg"]
        for e in events
        if "deprecat" in e["info"]["name"].lower() or "deprecat" in e["info"]["msg"].lower()
    ]
    assert not deprecations, deprecations
