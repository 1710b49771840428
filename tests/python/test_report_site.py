"""Headless-browser smoke test of the built Evidence report site (reports/build).

Needs the site built first (``make reports`` / ``reports/scripts/build.sh``) from the
same warehouse this test reads (``BANK_DUCKDB_PATH``, default ``warehouse/bank.duckdb``,
relative paths resolved against the repo root), ``npm ci`` run in ``reports/`` and
Chromium at ``/usr/bin/chromium`` (or ``CHROMIUM_PATH``). A missing prerequisite is a
failure, not a skip.

``reports/tests/smoke.mjs`` serves the build on 127.0.0.1, opens every page, blocks
and records any request to another host, and writes a JSON report plus full-page
screenshots under ``reports/test-artifacts/``.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import duckdb
import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]
REPORTS = REPO_ROOT / "reports"
BUILD = REPORTS / "build"
SMOKE = REPORTS / "tests" / "smoke.mjs"
ARTIFACTS = REPORTS / "test-artifacts"
KPI_TOTAL = "kpi-total-transactions"

pytestmark = pytest.mark.e2e


def _warehouse_path() -> Path:
    path = Path(os.environ.get("BANK_DUCKDB_PATH", "warehouse/bank.duckdb"))
    return path if path.is_absolute() else REPO_ROOT / path


@pytest.fixture(scope="module")
def smoke_report() -> dict:
    if not (BUILD / "index.html").is_file():
        pytest.fail(
            f"{BUILD / 'index.html'} does not exist: build the report site first "
            "(make reports, or: cd reports && npm ci && sh scripts/build.sh)"
        )
    node = shutil.which("node")
    if node is None:
        pytest.fail("node is not on PATH; it is needed to run reports/tests/smoke.mjs")
    if not (REPORTS / "node_modules" / "playwright-core").is_dir():
        pytest.fail("reports/node_modules/playwright-core missing: run `cd reports && npm ci`")
    chromium = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
    if not Path(chromium).is_file():
        pytest.fail(
            f"Chromium not found at {chromium} (apt-get install -y chromium, or set CHROMIUM_PATH)"
        )

    out = ARTIFACTS / "smoke-report.json"
    shots = ARTIFACTS / "screenshots"
    out.unlink(missing_ok=True)
    proc = subprocess.run(
        [node, str(SMOKE), "--build", str(BUILD), "--out", str(out), "--screenshots", str(shots)],
        cwd=REPORTS,
        capture_output=True,
        text=True,
        timeout=600,
    )
    if proc.returncode != 0 or not out.is_file():
        pytest.fail(
            f"smoke.mjs exited {proc.returncode}\nstdout:\n{proc.stdout}\nstderr:\n{proc.stderr}"
        )
    report = json.loads(out.read_text(encoding="utf-8"))
    assert report["pages"], "smoke.mjs found no pages in the build"
    return report


@pytest.fixture(scope="module")
def expected_total_transactions() -> int:
    db = _warehouse_path()
    if not db.is_file():
        pytest.fail(f"warehouse not found at {db} (BANK_DUCKDB_PATH); run the pipeline first")
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute("select count(*) from marts.fct_transactions").fetchone()[0]
    finally:
        con.close()


def _pages(report: dict) -> list[dict]:
    return report["pages"]


def test_index_page_is_served_and_checked(smoke_report):
    paths = [p["path"] for p in _pages(smoke_report)]
    assert "/" in paths, paths
    for page in _pages(smoke_report):
        assert page["http_status"] == 200, page["url"]
        assert not page["render_timed_out"], f"{page['url']}: charts/tables/KPIs never rendered"
        assert Path(page["screenshot"]).is_file(), page["screenshot"]


def test_no_console_or_page_errors(smoke_report):
    for page in _pages(smoke_report):
        assert page["console_errors"] == [], f"{page['url']}: {page['console_errors']}"
        assert page["page_errors"] == [], f"{page['url']}: {page['page_errors']}"
        assert page["inline_errors"] == [], f"{page['url']}: {page['inline_errors']}"


def test_no_failed_local_requests(smoke_report):
    for page in _pages(smoke_report):
        assert page["failed_requests"] == [], f"{page['url']}: {page['failed_requests']}"
        assert page["http_errors"] == [], f"{page['url']}: {page['http_errors']}"


def test_no_requests_leave_localhost(smoke_report):
    for page in _pages(smoke_report):
        assert page["external_requests"] == [], (
            f"{page['url']} tried to reach other hosts (blocked): {page['external_requests']}"
        )


def test_tables_have_rows(smoke_report):
    tables = [t for page in _pages(smoke_report) for t in page["tables"]]
    assert tables, "no tables found on any page"
    for table in tables:
        assert table["rows"] > 0, f"table {table['testid']} has no rows"


def test_charts_rendered(smoke_report):
    charts = [c for page in _pages(smoke_report) for c in page["charts"]]
    assert charts, "no charts found on any page"
    for chart in charts:
        assert chart["rendered"], f"chart {chart['testid']} did not render: {chart}"


def test_kpi_total_transactions_matches_warehouse(smoke_report, expected_total_transactions):
    index = next(p for p in _pages(smoke_report) if p["path"] == "/")
    kpis = {k["testid"]: k for k in index["kpis"]}
    assert KPI_TOTAL in kpis, f"KPI hook {KPI_TOTAL!r} not found; KPIs seen: {list(kpis)}"
    text = kpis[KPI_TOTAL]["value_text"]
    # the full integer must be visible (e.g. "1,234,567"), not an abbreviation like "1.2M"
    assert re.fullmatch(r"\d{1,3}(,\d{3})*", text), f"KPI shows {text!r}, not a full integer"
    shown = int(text.replace(",", ""))
    assert shown == expected_total_transactions, (
        f"site shows {shown} transactions, marts.fct_transactions in {_warehouse_path()} has "
        f"{expected_total_transactions}; was the site built from this warehouse?"
    )
