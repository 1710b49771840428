"""The staging quarantine on a high-defect feed: every injected defect is
rejected with its own reason (recall 1), nothing else is (precision 1), and
raw rows = clean rows + rejected rows for every table."""

from __future__ import annotations

import csv
from pathlib import Path

import duckdb
import pytest
from conftest import REPO, run_dbt, run_seed, write_scenario

from seeds_generator.config import DEFECT_TYPES
from seeds_generator.contract import RAW_TABLES
from seeds_generator.entities import vietnam as vn

HIGH_DEFECTS = """\
name: high_defects
days: 5
population: {customers: 3000}
defects: {rate: 0.03}
"""


@pytest.fixture(scope="module")
def quarantined(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("quarantine")
    db = folder / "bank.duckdb"
    scenario = write_scenario(folder, "high_defects", HIGH_DEFECTS)
    seeded = run_seed("--scenario", str(scenario), "--db", str(db))
    assert seeded.returncode == 0, seeded.stderr
    built = run_dbt(
        db,
        folder,
        "build",
        "--select",
        "+fct_dq_defect_detection",
        "+fct_dq_reconciliation",
        "+fct_dq_rejected_records",
        "path:models/staging",
        "--indirect-selection",
        "cautious",
        timeout=600,
    )
    assert built.returncode == 0, built.stdout[-4000:]
    return db


@pytest.mark.e2e
def test_every_injected_defect_is_caught_and_nothing_else(quarantined):
    con = duckdb.connect(str(quarantined), read_only=True)
    rows = con.execute(
        "select table_name, defect_type, injected_rows, detected_rows, false_detections, "
        "recall, detection_precision from marts.fct_dq_defect_detection"
    ).fetchall()
    con.close()
    assert {r[1] for r in rows if r[2] > 0} == set(DEFECT_TYPES)
    for table, defect, injected, detected, false_detections, recall, precision in rows:
        assert false_detections == 0, (table, defect)
        assert detected == injected, (table, defect)
        assert precision == 1.0, (table, defect)
        if injected:
            assert recall == 1.0, (table, defect)


@pytest.mark.e2e
def test_nothing_is_lost(quarantined):
    con = duckdb.connect(str(quarantined), read_only=True)
    for table in RAW_TABLES:
        raw = con.execute(f"select count(*) from raw.{table}").fetchone()[0]
        clean = con.execute(f"select count(*) from staging.stg_core_banking__{table}").fetchone()[0]
        rejected = con.execute(
            "select count(distinct (record_key, key_occurrence)) from "
            "marts.fct_dq_rejected_records where table_name = ?",
            [table],
        ).fetchone()[0]
        assert raw == clean + rejected, table
    assert con.execute(
        "select bool_and(is_reconciled) from marts.fct_dq_reconciliation"
    ).fetchone()[0]
    con.close()


def test_reference_seeds_agree_with_the_simulator():
    """Two independent implementations (the simulated source system and the
    bank's validation) must agree on what a valid province and prefix are."""
    with open(REPO / "seeds/reference/ref_cccd_provinces.csv", encoding="utf-8") as f:
        provinces = {row["province_code"] for row in csv.DictReader(f)}
    with open(REPO / "seeds/reference/ref_mobile_prefixes.csv", encoding="utf-8") as f:
        prefixes = {row["prefix"] for row in csv.DictReader(f)}
    assert provinces == {code for code, _, _ in vn.PROVINCES}
    assert len(provinces) == 63
    assert prefixes == set(vn.MOBILE_PREFIXES)
