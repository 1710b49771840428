"""Headless-browser test of the built Evidence report site (reports/build).

Needs the site built first (``make reports`` / ``reports/scripts/build.sh``) from the
same analyst database this test reads (``BANK_ANALYTICS_PATH``, default
``warehouse/analytics.duckdb``,
relative paths resolved against the repo root), ``npm ci`` run in ``reports/`` and
Chromium at ``/usr/bin/chromium`` (or ``CHROMIUM_PATH``). A missing prerequisite is a
failure, not a skip.

``reports/tests/smoke.mjs`` serves the build on 127.0.0.1, opens every page, blocks
and records any request to another host, and writes a JSON report plus one full-page
screenshot per page under ``reports/test-artifacts/``. This module judges that report:
every page renders without errors, every chart draws data and every table has rows,
nothing leaves localhost, and the Overview KPIs equal the same numbers computed here
with DuckDB (read-only) from the marts. The Case queue page's KPIs and tables equal
the marts' latest queue day, and a customer investigation page (one per customer
with a case, /customers/<customer_id>/) shows that customer's cases; smoke.mjs
opens a few of those templated pages plus the one this module checks.
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
import yaml

REPO_ROOT = Path(__file__).resolve().parents[2]
REPORTS = REPO_ROOT / "reports"
BUILD = REPORTS / "build"
PAGES_DIR = REPORTS / "pages"
SOURCES_DIR = REPORTS / "sources" / "bank"
SMOKE = REPORTS / "tests" / "smoke.mjs"
ARTIFACTS = REPORTS / "test-artifacts"

# Every page of issue #8 and the URL path it is served at.
EXPECTED_PAGES = {
    "/": "index.md",
    "/transactions/": "transactions.md",
    "/compliance/": "compliance.md",
    "/risk-alerts/": "risk-alerts.md",
    "/case-queue/": "case-queue.md",
    "/detection/": "detection.md",
    "/data-quality/": "data-quality.md",
    "/customers/": "customers.md",
    "/risk-score/": "risk-score.md",
}

# The templated customer investigation page (one page per customer with a case).
CUSTOMER_PAGE = PAGES_DIR / "customers" / "[customer_id].md"

pytestmark = pytest.mark.e2e


def _warehouse_path() -> Path:
    """The analyst database the site was built from (never the working warehouse)."""
    path = Path(os.environ.get("BANK_ANALYTICS_PATH", "warehouse/analytics.duckdb"))
    return path if path.is_absolute() else REPO_ROOT / path


@pytest.fixture(scope="module")
def investigated_customer() -> dict:
    """The customer whose investigation page the browser test checks: the one
    with the most cases (ties: the latest opened, then the smallest key), with
    its cases as the marts give them."""
    db = _warehouse_path()
    if not db.is_file():
        pytest.fail(f"analyst database not found at {db} (BANK_ANALYTICS_PATH); run make build")
    con = duckdb.connect(str(db), read_only=True)
    try:
        row = con.execute(
            """
            select customer_id from marts.fct_cases
            group by customer_id
            order by count(*) desc, max(opened_date) desc, customer_id
            limit 1
            """
        ).fetchone()
        if row is None:
            pytest.fail(f"marts.fct_cases in {db} is empty: no customer investigation page")
        (customer_id,) = row
        cases = [
            r[0]
            for r in con.execute(
                """
                select case_id from marts.fct_cases where customer_id = ?
                order by opened_date desc, case_id
                """,
                [customer_id],
            ).fetchall()
        ]
        customers = {
            r[0] for r in con.execute("select distinct customer_id from marts.fct_cases").fetchall()
        }
        (events,) = con.execute(
            "select count(*) from marts.fct_case_customer_events where customer_id = ?",
            [customer_id],
        ).fetchone()
    finally:
        con.close()
    return {
        "customer_id": customer_id,
        "path": f"/customers/{customer_id}/",
        "cases": cases,
        "all_customers": customers,
        "events": events,
    }


@pytest.fixture(scope="module")
def smoke_report(investigated_customer) -> dict:
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
        [
            node,
            str(SMOKE),
            "--build",
            str(BUILD),
            "--out",
            str(out),
            "--screenshots",
            str(shots),
            "--include",
            investigated_customer["path"],
        ],
        cwd=REPORTS,
        capture_output=True,
        text=True,
        timeout=900,
    )
    if proc.returncode != 0 or not out.is_file():
        pytest.fail(
            f"smoke.mjs exited {proc.returncode}\nstdout:\n{proc.stdout}\nstderr:\n{proc.stderr}"
        )
    report = json.loads(out.read_text(encoding="utf-8"))
    assert report["pages"], "smoke.mjs found no pages in the build"
    return report


def _pages(report: dict) -> list[dict]:
    return report["pages"]


def _page(report: dict, path: str) -> dict:
    for page in _pages(report):
        if page["path"] == path:
            return page
    pytest.fail(f"page {path} was not checked; pages seen: {[p['path'] for p in _pages(report)]}")


# --------------------------------------------------------------------------
# expected Overview KPIs, computed from the same marts with DuckDB
# --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def expected_overview() -> dict:
    """The Overview KPIs for the default filters: the whole period, every customer
    type, province and group (the period is min..max transaction_date)."""
    db = _warehouse_path()
    if not db.is_file():
        pytest.fail(f"analyst database not found at {db} (BANK_ANALYTICS_PATH); run make build")
    con = duckdb.connect(str(db), read_only=True)
    try:
        first, last, transactions, value = con.execute(
            """
            select min(transaction_date), max(transaction_date), count(*),
                   coalesce(sum(amount) filter (where is_completed), 0)
            from marts.fct_transactions
            """
        ).fetchone()
        (customers,) = con.execute(
            "select count(*) from marts.dim_customers where registration_date <= ?", [last]
        ).fetchone()
        (active_accounts,) = con.execute(
            """
            select count(*) from marts.dim_bank_accounts
            where status = 'active' and opened_date <= ?
            """,
            [last],
        ).fetchone()
        (compliance_rate,) = con.execute(
            """
            select count(*) filter (where is_compliant)::double / count(*)
            from marts.fct_transaction_classification
            """
        ).fetchone()
        # cases still open at the end of the period, and worked in it
        open_cases, worked_cases = con.execute(
            """
            select
                count(*) filter (
                    where opened_date <= $last and (closed_date is null or closed_date > $last)
                ),
                count(*) filter (where worked_date between $first and $last)
            from marts.fct_cases
            """,
            {"first": first, "last": last},
        ).fetchone()
        # compliance exceptions open at the end of the period (its last flagged day)
        (open_exceptions,) = con.execute(
            """
            with last_day as (
                select max(flagged_date) as d from marts.fct_compliance_exception_days
                where flagged_date <= $last
            )
            select count(*) from marts.fct_compliance_exceptions, last_day
            where opened_date <= last_day.d
              and (closed_date is null or closed_date > last_day.d)
            """,
            {"last": last},
        ).fetchone()
        (recall,) = con.execute(
            """
            select recall from marts.fct_alert_performance
            where rule_id = 'all_rules' and typology = 'any' and evaluation_level = 'case'
            """
        ).fetchone()
    finally:
        con.close()
    return {
        "kpi-customers": customers,
        "kpi-active-accounts": active_accounts,
        "kpi-total-transactions": transactions,
        "kpi-completed-value": value,
        "kpi-compliance-rate": compliance_rate,
        "kpi-open-cases": open_cases,
        "kpi-worked-cases": worked_cases,
        "kpi-open-exceptions": open_exceptions,
        "kpi-detection-recall": recall,
    }


def _integer(text: str) -> int:
    """A full integer as the site shows it ('1,234,567' or '1,234,567 ₫'), not an
    abbreviation like '1.2M'."""
    match = re.fullmatch(r"(\d{1,3}(?:,\d{3})*)(?: ₫)?", text)
    assert match, f"KPI shows {text!r}, not a full integer"
    return int(match.group(1).replace(",", ""))


def _percent(text: str) -> float:
    match = re.fullmatch(r"(\d+(?:\.\d+)?)%", text)
    assert match, f"KPI shows {text!r}, not a percentage"
    return float(match.group(1))


# --------------------------------------------------------------------------
# the tests
# --------------------------------------------------------------------------


def test_every_report_page_exists_and_is_checked(smoke_report):
    for path, source in EXPECTED_PAGES.items():
        assert (PAGES_DIR / source).is_file(), f"reports/pages/{source} is missing"
        page = _page(smoke_report, path)
        assert page["http_status"] == 200, page["url"]
        assert page["h1"], f"{page['url']} has no title"
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


def test_every_page_has_charts_that_draw_data(smoke_report):
    for path in EXPECTED_PAGES:
        page = _page(smoke_report, path)
        assert page["charts"], f"{page['url']} shows no chart"
        for chart in page["charts"]:
            assert chart["rendered"], (
                f"{page['url']}: chart {chart['testid']} drew no data: {chart}"
            )


def test_every_table_has_rows_and_no_panel_is_empty(smoke_report):
    tables = [t for page in _pages(smoke_report) for t in page["tables"]]
    assert tables, "no tables found on any page"
    for page in _pages(smoke_report):
        for table in page["tables"]:
            assert table["rows"] > 0, f"{page['url']}: table {table['testid']} has no rows"
        empty = [e for e in page["empty_panels"] if not e["allowed"]]
        assert empty == [], f"{page['url']}: empty panels {empty}"


def test_every_kpi_shows_a_value(smoke_report):
    for page in _pages(smoke_report):
        for kpi in page["kpis"]:
            assert kpi["value_text"] not in ("", "-"), f"{page['url']}: {kpi}"


def test_smoke_report_has_no_problems(smoke_report):
    problems = {p["path"]: p["problems"] for p in _pages(smoke_report) if p["problems"]}
    assert problems == {}, problems


def test_overview_kpis_match_the_warehouse(smoke_report, expected_overview):
    index = _page(smoke_report, "/")
    shown = {k["testid"]: k["value_text"] for k in index["kpis"]}
    missing = set(expected_overview) - set(shown)
    assert not missing, f"KPI hooks {sorted(missing)} not found on the Overview; seen: {shown}"
    where = f"in {_warehouse_path()}; was the site built from this warehouse?"
    for testid in (
        "kpi-customers",
        "kpi-active-accounts",
        "kpi-total-transactions",
        "kpi-open-cases",
        "kpi-worked-cases",
        "kpi-open-exceptions",
    ):
        assert _integer(shown[testid]) == expected_overview[testid], (
            f"{testid}: site shows {shown[testid]!r}, "
            f"marts give {expected_overview[testid]} {where}"
        )
    # VND: the full amount in đồng (whole numbers; 1 ₫ of float rounding allowed)
    value = shown["kpi-completed-value"]
    assert value.endswith(" ₫"), f"completed value {value!r} is not formatted as VND"
    assert abs(_integer(value) - float(expected_overview["kpi-completed-value"])) <= 1, (
        f"kpi-completed-value: site shows {value!r}, marts give "
        f"{expected_overview['kpi-completed-value']} {where}"
    )
    # rates are shown with one decimal
    for testid in ("kpi-compliance-rate", "kpi-detection-recall"):
        expected = round(100 * expected_overview[testid], 1)
        assert _percent(shown[testid]) == pytest.approx(expected, abs=0.05), (
            f"{testid}: site shows {shown[testid]!r}, marts give {expected}% {where}"
        )


# --------------------------------------------------------------------------
# the Detection page: CP@k over time and the fraud cases
# --------------------------------------------------------------------------

# Panels that must draw data under the default filters: CP@k over time (per
# ranking and typology, the risk score's held-out days) and the fraud cases.
REQUIRED_PANELS = {
    "/detection/": {
        "charts": (
            "chart-cp-at-k",
            "chart-cp-at-k-over-time",
            "chart-cp-at-k-score-vs-alerts",
            "chart-missed",
            "chart-case-caught-share",
            "chart-case-vnd",
            "chart-case-precision-by-capacity",
        ),
        "tables": (
            "table-cp-at-k-daily",
            "table-case-summary",
            "table-missed-cases",
            "table-case-performance",
            "table-case-typology",
        ),
    },
    "/case-queue/": {
        "charts": (
            "chart-queue-flow",
            "chart-queue-backlog",
            "chart-queue-alerts",
            "chart-queue-fraud-value",
        ),
        "tables": ("table-all-cases",),
    },
    "/risk-score/": {"charts": ("chart-cp-at-k-held-out",), "tables": ()},
}
MISSED_CASES_PAGE_ROWS = 15  # rows=15 of the missed-cases DataTable


@pytest.fixture(scope="module")
def expected_detection() -> dict:
    """The Detection page's case and CP@k numbers for the default filters (whole
    period; CP@k of all typology rules over every typology), from the marts."""
    db = _warehouse_path()
    if not db.is_file():
        pytest.fail(f"analyst database not found at {db} (BANK_ANALYTICS_PATH); run make build")
    con = duckdb.connect(str(db), read_only=True)
    try:
        cases, missed = con.execute(
            """
            select count(*), count(*) filter (where not is_detected_by_typology_rule)
            from marts.fct_fraud_case_detection
            """
        ).fetchone()
        # the published whole-history averages, one per typology (each typology
        # has a row for every day, so their mean is the mean over the days)
        (cp_at_k,) = con.execute(
            """
            select avg(cp_at_k) from (
                select distinct typology, cp_at_k from marts.fct_alert_performance
                where rule_id = 'all_typology_rules'
            )
            """
        ).fetchone()
        (k,) = con.execute("select cp_k from marts.fct_model_evaluation").fetchone()
        # the case queue at its own capacity (the default of the capacity picker):
        # the one whose cases a day are the queue's
        queue_share, queue_precision, queue_caught, queue_missed = con.execute(
            """
            select caught_share, worked_precision, fraud_vnd_caught, fraud_vnd_missed
            from marts.fct_case_performance
            where strategy = 'case_queue' and typology = 'all'
              and capacity_cases_per_day = (
                  select max(capacity_cases_per_day) from marts.fct_case_queue_daily
              )
            order by capacity_per_1000_customers
            limit 1
            """
        ).fetchone()
    finally:
        con.close()
    return {
        "kpi-cases": cases,
        "kpi-cases-missed": missed,
        "kpi-cp-at-k-period": cp_at_k,
        "kpi-cp-k": k,
        "kpi-case-queue-caught-share": queue_share,
        "kpi-case-queue-precision": queue_precision,
        "kpi-case-queue-vnd-caught": queue_caught,
        "kpi-case-queue-vnd-missed": queue_missed,
    }


@pytest.mark.parametrize("path", sorted(REQUIRED_PANELS))
def test_cp_at_k_over_time_and_case_panels_draw_data(smoke_report, path):
    page = _page(smoke_report, path)
    charts = {c["testid"]: c for c in page["charts"]}
    tables = {t["testid"]: t for t in page["tables"]}
    for testid in REQUIRED_PANELS[path]["charts"]:
        assert testid in charts, f"{path} has no chart {testid}; seen {sorted(charts)}"
        assert charts[testid]["rendered"], f"{path}: {testid} drew no data"
    for testid in REQUIRED_PANELS[path]["tables"]:
        assert testid in tables, f"{path} has no table {testid}; seen {sorted(tables)}"
        assert tables[testid]["rows"] > 0, f"{path}: {testid} has no rows"


def test_detection_kpis_match_the_warehouse(smoke_report, expected_detection):
    page = _page(smoke_report, "/detection/")
    shown = {k["testid"]: k["value_text"] for k in page["kpis"]}
    missing = set(expected_detection) - set(shown)
    assert not missing, f"KPI hooks {sorted(missing)} not found on /detection/; seen: {shown}"
    where = f"in {_warehouse_path()}; was the site built from this warehouse?"
    for testid in ("kpi-cases", "kpi-cases-missed", "kpi-cp-k"):
        assert _integer(shown[testid]) == expected_detection[testid], (
            f"{testid}: site shows {shown[testid]!r}, "
            f"marts give {expected_detection[testid]} {where}"
        )
    # CP@k is shown with two decimals of a percent
    expected = 100 * expected_detection["kpi-cp-at-k-period"]
    assert _percent(shown["kpi-cp-at-k-period"]) == pytest.approx(expected, abs=0.005), (
        f"kpi-cp-at-k-period: site shows {shown['kpi-cp-at-k-period']!r}, "
        f"fct_alert_performance gives {expected:.4f}% {where}"
    )
    # the case queue at its own capacity: shares with one decimal, VND in full
    for testid in ("kpi-case-queue-caught-share", "kpi-case-queue-precision"):
        expected = round(100 * expected_detection[testid], 1)
        assert _percent(shown[testid]) == pytest.approx(expected, abs=0.05), (
            f"{testid}: site shows {shown[testid]!r}, "
            f"fct_case_performance gives {expected}% {where}"
        )
    for testid in ("kpi-case-queue-vnd-caught", "kpi-case-queue-vnd-missed"):
        assert abs(_integer(shown[testid]) - float(expected_detection[testid])) <= 1, (
            f"{testid}: site shows {shown[testid]!r}, "
            f"fct_case_performance gives {expected_detection[testid]} {where}"
        )
    # the missed-cases table lists exactly the cases no typology rule found
    rows = {t["testid"]: t["rows"] for t in page["tables"]}["table-missed-cases"]
    assert rows == min(expected_detection["kpi-cases-missed"], MISSED_CASES_PAGE_ROWS), (
        f"table-missed-cases shows {rows} rows, marts give "
        f"{expected_detection['kpi-cases-missed']} missed cases {where}"
    )


# --------------------------------------------------------------------------
# the Case queue page and the customer investigation pages
# --------------------------------------------------------------------------

WORKED_CASES_PAGE_ROWS = 25  # rows=25 of the worked-cases DataTable
BACKLOG_CASES_PAGE_ROWS = 15  # rows=15 of the backlog DataTable


@pytest.fixture(scope="module")
def expected_case_queue() -> dict:
    """The Case queue page under its default filters: the latest queue day, every
    typology hint. KPIs from fct_case_queue_daily; the cases worked that day and
    left open at its end counted again from fct_cases; the compliance exceptions
    open at the end of that day from fct_compliance_exceptions."""
    db = _warehouse_path()
    if not db.is_file():
        pytest.fail(f"analyst database not found at {db} (BANK_ANALYTICS_PATH); run make build")
    con = duckdb.connect(str(db), read_only=True)
    try:
        row = con.execute(
            """
            select queue_date, capacity_cases_per_day, new_cases, worked_cases,
                   expired_cases, backlog_cases, coalesce(backlog_mean_age_days, 0)
            from marts.fct_case_queue_daily
            order by queue_date desc
            limit 1
            """
        ).fetchone()
        if row is None:
            pytest.fail(f"marts.fct_case_queue_daily in {db} is empty")
        day, capacity, new, worked, expired, backlog, mean_age = row
        worked_rows, backlog_rows = con.execute(
            """
            select
                count(*) filter (where worked_date = $day),
                count(*) filter (
                    where opened_date <= $day and (closed_date is null or closed_date > $day)
                )
            from marts.fct_cases
            """,
            {"day": day},
        ).fetchone()
        (open_exceptions,) = con.execute(
            """
            select count(*) from marts.fct_compliance_exceptions
            where opened_date <= $day and (closed_date is null or closed_date > $day)
            """,
            {"day": day},
        ).fetchone()
    finally:
        con.close()
    return {
        "day": day,
        "kpi-queue-capacity": capacity,
        "kpi-queue-new": new,
        "kpi-queue-worked": worked,
        "kpi-queue-expired": expired,
        "kpi-queue-backlog": backlog,
        "kpi-queue-backlog-age": mean_age,
        "kpi-queue-open-exceptions": open_exceptions,
        "worked_rows": worked_rows,
        "backlog_rows": backlog_rows,
    }


def test_case_queue_kpis_match_the_warehouse(smoke_report, expected_case_queue):
    page = _page(smoke_report, "/case-queue/")
    shown = {k["testid"]: k["value_text"] for k in page["kpis"]}
    expected = expected_case_queue
    where = f"on {expected['day']} in {_warehouse_path()}; was the site built from it?"
    integer_kpis = [k for k in expected if k.startswith("kpi-") and k != "kpi-queue-backlog-age"]
    missing = set(integer_kpis) - set(shown)
    assert not missing, f"KPI hooks {sorted(missing)} not found on /case-queue/; seen: {shown}"
    for testid in integer_kpis:
        assert _integer(shown[testid]) == expected[testid], (
            f"{testid}: site shows {shown[testid]!r}, marts give {expected[testid]} {where}"
        )
    age = shown["kpi-queue-backlog-age"]
    assert re.fullmatch(r"\d+\.\d", age), f"backlog age {age!r} is not days with one decimal"
    assert float(age) == pytest.approx(expected["kpi-queue-backlog-age"], abs=0.05), (
        f"kpi-queue-backlog-age: site shows {age!r}, "
        f"marts give {expected['kpi-queue-backlog-age']} {where}"
    )
    # the day's cases, counted from fct_cases, agree with the daily mart ...
    assert expected["worked_rows"] == expected["kpi-queue-worked"], expected
    assert expected["backlog_rows"] == expected["kpi-queue-backlog"], expected
    # ... and the tables list them (a table with no case is an allowed placeholder)
    rows = {t["testid"]: t["rows"] for t in page["tables"]}
    for testid, count, page_rows in (
        ("table-worked-cases", expected["worked_rows"], WORKED_CASES_PAGE_ROWS),
        ("table-backlog-cases", expected["backlog_rows"], BACKLOG_CASES_PAGE_ROWS),
    ):
        assert rows.get(testid, 0) == min(count, page_rows), (
            f"{testid} shows {rows.get(testid, 0)} rows, marts give {count} cases {where}"
        )


def test_customer_investigation_page_shows_the_customers_cases(smoke_report, investigated_customer):
    assert CUSTOMER_PAGE.is_file(), f"{CUSTOMER_PAGE} is missing"
    page = _page(smoke_report, investigated_customer["path"])
    assert page["http_status"] == 200, page["url"]
    assert page["h1"], f"{page['url']} has no title"
    assert not page["render_timed_out"], f"{page['url']}: never rendered"
    assert page["problems"] == [], f"{page['url']}: {page['problems']}"
    cases = investigated_customer["cases"]
    shown = {k["testid"]: k["value_text"] for k in page["kpis"]}
    assert _integer(shown["kpi-customer-cases"]) == len(cases), (
        f"{page['url']}: kpi-customer-cases shows {shown.get('kpi-customer-cases')!r}, "
        f"fct_cases has {len(cases)} cases for customer {investigated_customer['customer_id']}"
    )
    tables = {t["testid"]: t for t in page["tables"]}
    assert "table-customer-cases" in tables, f"{page['url']}: no cases table; {sorted(tables)}"
    table = tables["table-customer-cases"]
    assert table["rows"] == len(cases), (table, cases)
    # the latest case first, by its id
    assert table["first_row"] and table["first_row"][0] == cases[0], (table["first_row"], cases)
    assert "table-customer-timeline" in tables, sorted(tables)
    # logins and authentication attempts: rows=15 of the events DataTable
    events = tables.get("table-customer-events")
    assert events is not None, f"{page['url']}: no events table; {sorted(tables)}"
    assert events["rows"] == min(investigated_customer["events"], 15), (
        events,
        investigated_customer["events"],
    )


def test_investigation_pages_exist_only_for_customers_with_a_case(investigated_customer):
    built = {
        int(p.parent.name)
        for p in (BUILD / "customers").glob("*/index.html")
        if p.parent.name.isdigit()
    }
    expected = investigated_customer["all_customers"]
    assert built == expected, (
        f"investigation pages built for {len(built)} customers, marts have {len(expected)} "
        f"customers with a case; missing {sorted(expected - built)[:10]}, "
        f"extra {sorted(built - expected)[:10]}"
    )


def test_case_queue_links_each_case_to_its_customer_page(smoke_report):
    page = _page(smoke_report, "/case-queue/")
    tables = {t["testid"]: t for t in page["tables"]}
    first = tables["table-all-cases"]["first_row"]
    assert first and re.fullmatch(r"C\d{8}-\d+", first[0]), first
    html = (BUILD / "case-queue" / "index.html").read_text(encoding="utf-8")
    assert re.search(r'href="/customers/\d+/?"', html), (
        "the prerendered Case queue page links no customer investigation page"
    )


def test_kpi_total_transactions_is_a_full_integer(smoke_report):
    index = _page(smoke_report, "/")
    kpis = {k["testid"]: k for k in index["kpis"]}
    assert "kpi-total-transactions" in kpis, list(kpis)
    _integer(kpis["kpi-total-transactions"]["value_text"])


# --------------------------------------------------------------------------
# the source queries (no browser needed)
# --------------------------------------------------------------------------

FORBIDDEN_SCHEMAS = re.compile(r"\b(raw|staging|intermediate|audit|meta|reference)\.\w+", re.I)
PII_COLUMNS = re.compile(
    r"\b(national_id|tax_code|full_name|customer_name|email|address|phone_number|"
    r"account_number|device_identifier|date_of_birth)\b(?!_(hash|masked))",
    re.I,
)


def _source_queries() -> dict[str, str]:
    queries = {p.name: p.read_text(encoding="utf-8") for p in sorted(SOURCES_DIR.glob("*.sql"))}
    assert queries, f"no source queries in {SOURCES_DIR}"
    return queries


def _sql_without_comments(sql: str) -> str:
    return re.sub(r"--[^\n]*", "", sql)


def test_source_queries_read_marts_only():
    for name, sql in _source_queries().items():
        body = _sql_without_comments(sql)
        assert re.search(r"\bmarts\.\w+", body), f"{name} reads no mart"
        assert not FORBIDDEN_SCHEMAS.search(body), (
            f"{name} reads outside schema marts: {FORBIDDEN_SCHEMAS.search(body).group(0)}"
        )


def test_source_queries_select_no_personal_data():
    for name, sql in _source_queries().items():
        hit = PII_COLUMNS.search(_sql_without_comments(sql))
        assert hit is None, f"{name} selects a personal-data column: {hit.group(0)}"


def test_templated_page_reads_marts_declared_in_its_exposure():
    """tests/python/test_docs_exposures.py checks the top-level pages; the
    customer investigation page is declared in the Case queue's exposure."""
    exposures = yaml.safe_load(
        (REPO_ROOT / "models" / "marts" / "_report_site__exposures.yml").read_text(encoding="utf-8")
    )["exposures"]
    rel = CUSTOMER_PAGE.relative_to(REPO_ROOT).as_posix()
    found = [
        e
        for e in exposures
        if e.get("config", {}).get("meta", {}).get("templated_page_source") == rel
    ]
    assert len(found) == 1, f"expected one exposure with meta.templated_page_source {rel}"
    declared = {
        re.fullmatch(r"ref\(\s*['\"](\w+)['\"]\s*\)", d.strip()).group(1)
        for d in found[0]["depends_on"]
    }
    sources = set(re.findall(r"\bbank\.(\w+)", CUSTOMER_PAGE.read_text(encoding="utf-8")))
    assert sources, f"{rel} uses no source query"
    queries = _source_queries()
    read = {
        mart
        for name in sources
        for mart in re.findall(r"\bmarts\.(\w+)", _sql_without_comments(queries[f"{name}.sql"]))
    }
    assert read <= declared, f"{rel} reads marts {sorted(read - declared)} not declared"


def test_the_report_build_never_opens_the_working_warehouse(tmp_path):
    """`scripts/build.sh` reads the analyst database only: its one step that
    opens a database (`evidence sources`) succeeds while this process holds
    the working warehouse (BANK_DUCKDB_PATH) open for writing, as dbt or the
    seeder would, which makes DuckDB refuse any other process that opens that
    file. The working warehouse here is a private one, so that the suite's
    other workers can read the shared test warehouse meanwhile."""
    if not _warehouse_path().is_file():
        pytest.fail("run the pipeline first: no analyst database")
    working = tmp_path / "working.duckdb"
    writer = duckdb.connect(str(working))
    try:
        writer.execute("create schema marts")
        result = subprocess.run(
            ["sh", "scripts/build.sh", "--sources-only"],
            cwd=REPORTS,
            capture_output=True,
            text=True,
            timeout=600,
            env={**os.environ, "BANK_DUCKDB_PATH": str(working)},
        )
    finally:
        writer.close()
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert f"reports: sources read from {_warehouse_path()}" in result.stdout
