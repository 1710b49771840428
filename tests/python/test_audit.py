"""Audit history: dbt's on-run-end hook logs every invocation and node result
into schema ``audit``, which survives ``--full-refresh`` and reseeding, and
``marts.fct_dq_test_history`` exposes the test results.

Builds its own tiny warehouse (100 customers, 2 days) in a tmp folder, with
dbt's target and log folders there too, so it never touches another run. The
builds select the lineage of fct_transactions, fct_dq_test_history and one
report-page exposure (models, data tests, a unit test, an exposure): enough to
exercise the hooks, and quick.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from conftest import query, run_dbt, run_seed

pytestmark = pytest.mark.e2e
SELECT = [
    "--select",
    "+fct_transactions",
    "+fct_dq_test_history",
    # an exposure is a node of `dbt build` too (a no-op result in the log):
    # the second build's audit tests must accept what the first one logged
    "+exposure:report_customers_devices",
    "--indirect-selection",
    "cautious",
]


def seed(db: Path) -> None:
    result = run_seed("--db", str(db), "--customers", "100", "--days", "2")
    assert result.returncode == 0, result.stderr


def dbt(tmp: Path, db: Path, *args: str) -> subprocess.CompletedProcess:
    return run_dbt(db, tmp, *args, timeout=300)


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> tuple[Path, Path]:
    """A fresh warehouse after `dbt build` then `dbt build --full-refresh`."""
    tmp = tmp_path_factory.mktemp("audit")
    db = tmp / "bank.duckdb"
    seed(db)
    for args in (["build", *SELECT], ["build", "--full-refresh", *SELECT]):
        result = dbt(tmp, db, *args)
        # a failure here may come from another model of the project: say which
        assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
    return tmp, db


def test_each_invocation_is_logged_once(built):
    _, db = built
    rows = query(
        db,
        "select invocation_id, command, is_full_refresh, result_count, is_success "
        "from audit.dbt_invocations order by started_at",
    )
    assert len(rows) == 2
    assert len({r[0] for r in rows}) == 2
    assert [(r[1], r[2]) for r in rows] == [("build", False), ("build", True)]
    assert all(r[3] > 0 and r[4] for r in rows)


def test_node_results_hold_models_and_tests_with_statuses(built):
    _, db = built
    rows = query(
        db,
        "select invocation_id, resource_type, status, count(*) as n, "
        "count(execution_time_s) as timed "
        "from audit.dbt_node_results group by all",
    )
    by_type: dict[str, set[str]] = {}
    for _invocation_id, resource_type, status, n, timed in rows:
        assert n == timed, f"{resource_type} results without execution time"
        by_type.setdefault(resource_type, set()).add(status)
    assert by_type["model"] == {"success"}
    assert "pass" in by_type["test"]
    assert by_type["exposure"] == {"no-op"}
    assert {r[0] for r in rows} == {
        r[0] for r in query(db, "select invocation_id from audit.dbt_invocations")
    }
    # one row per node per invocation, each invocation logging every node
    per_invocation = query(
        db,
        "select invocation_id, count(*), count(distinct unique_id) "
        "from audit.dbt_node_results group by 1",
    )
    assert len(per_invocation) == 2
    assert all(n == distinct for _, n, distinct in per_invocation)
    failures = query(
        db,
        "select count(*) from audit.dbt_node_results "
        "where resource_type = 'test' and failures is null",
    )
    assert failures == [(0,)]


def test_fct_dq_test_history_covers_both_invocations(built):
    _, db = built
    rows = query(
        db,
        "select invocation_id, count(*), "
        "count(tested_node_unique_id) + count(*) filter (test_name like 'assert_%'), "
        "count(distinct test_type) "
        "from marts.fct_dq_test_history group by 1",
    )
    logged = query(
        db,
        "select invocation_id, count(*) from audit.dbt_node_results "
        "where resource_type in ('test', 'unit_test') group by 1",
    )
    assert len(rows) == 2
    assert {(r[0], r[1]) for r in rows} == set(logged)
    # every generic and unit test names the node it tests (singular tests may not)
    assert all(n <= tested for _, n, tested, _ in rows)
    assert all(types == 2 for *_, types in rows)  # data tests and unit tests


def test_reseeding_keeps_the_audit_history(built):
    tmp, db = built
    before = query(db, "select count(*) from audit.dbt_node_results")[0][0]
    seed(db)  # a fresh load replaces schemas raw and meta only
    assert query(db, "select count(*) from audit.dbt_node_results") == [(before,)]
    assert query(db, "select count(*) from audit.dbt_invocations") == [(2,)]


def test_compile_logs_nothing(built):
    tmp, db = built
    before = query(db, "select count(*) from audit.dbt_invocations")
    result = dbt(tmp, db, "compile", "--select", "fct_dq_test_history")
    assert result.returncode == 0, result.stdout[-2000:]
    assert query(db, "select count(*) from audit.dbt_invocations") == before
