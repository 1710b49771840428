"""The project's own dbt-expectations-compatible generic tests pass and fail where they should.

tests/dbt_expectations/ is a small standalone dbt project that uses the macros in
macros/generic_tests/ on hand-made seeds. Each test there is named pass__* (must pass) or
fail__* (must fail, with meta.failures = the number of rows or groups it must return).
Here we seed and test that project into a temporary DuckDB file and check run_results.json.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

REPO = Path(__file__).resolve().parents[2]
SUITE = REPO / "tests" / "dbt_expectations"
MACROS = REPO / "macros" / "generic_tests"
DBT = Path(sys.executable).with_name("dbt")

EXPECTED_TESTS = {
    "expect_column_values_to_be_between",
    "expect_column_values_to_be_in_set",
    "expect_column_values_to_not_be_in_set",
    "expect_column_values_to_match_regex",
    "expect_column_values_to_not_match_regex",
    "expect_column_value_lengths_to_equal",
    "expect_column_values_to_not_be_null",
    "expect_compound_columns_to_be_unique",
    "expect_column_pair_values_A_to_be_greater_than_B",
    "expect_column_pair_values_to_be_equal",
    "expect_multicolumn_sum_to_equal",
    "expect_table_row_count_to_be_between",
    "expect_table_row_count_to_equal_other_table",
    "expect_row_values_to_have_recent_data",
    "expect_column_values_to_be_increasing",
    "expect_column_distinct_count_to_equal",
    "expect_column_distinct_values_to_be_in_set",
    "expect_column_sum_to_be_between",
    "expect_column_mean_to_be_between",
    "expect_column_proportion_of_unique_values_to_be_between",
    "expect_column_values_to_be_within_n_stdevs",
    "expect_table_columns_to_match_set",
}

SUITE_ENABLED = "{{ var('expectations_suite_enabled', false) }}"


def run_dbt(command: str, work: Path) -> subprocess.CompletedProcess:
    """Run one dbt command in the suite project, writing only under ``work``."""
    env = {
        **os.environ,
        "EXPECTATIONS_DUCKDB_PATH": str(work / "expectations.duckdb"),
        "DBT_SEND_ANONYMOUS_USAGE_STATS": "false",
        "DO_NOT_TRACK": "1",
    }
    for name in ("DBT_PROFILES_DIR", "DBT_PROJECT_DIR", "DBT_TARGET_PATH", "DBT_LOG_PATH"):
        env.pop(name, None)
    return subprocess.run(
        [
            str(DBT),
            "--no-use-colors",
            command,
            "--project-dir",
            str(SUITE),
            "--profiles-dir",
            str(SUITE),
            "--target-path",
            str(work / "target"),
            "--log-path",
            str(work / "logs"),
        ],
        cwd=SUITE,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


@pytest.fixture(scope="module")
def suite_run(tmp_path_factory) -> dict:
    work = tmp_path_factory.mktemp("dbt_expectations")
    seed = run_dbt("seed", work)
    assert seed.returncode == 0, seed.stdout + seed.stderr
    test = run_dbt("test", work)
    # Exit code 1 is expected (the fail__ tests fail); 2 would be a crash.
    assert test.returncode in (0, 1), test.stdout + test.stderr
    manifest = json.loads((work / "target" / "manifest.json").read_text(encoding="utf-8"))
    run_results = json.loads((work / "target" / "run_results.json").read_text(encoding="utf-8"))
    results = {}
    for result in run_results["results"]:
        node = manifest["nodes"][result["unique_id"]]
        results[node["name"]] = {
            "macro": node["test_metadata"]["name"],
            "status": result["status"],
            "failures": result["failures"],
            "message": result["message"],
            "expected_failures": node["config"]["meta"].get("failures"),
        }
    return {
        "output": "\n".join(p.stdout + p.stderr for p in (seed, test)),
        "results": results,
        "n_tests": sum(1 for n in manifest["nodes"].values() if n["resource_type"] == "test"),
    }


def test_every_suite_test_ran(suite_run):
    results = suite_run["results"]
    assert len(results) == suite_run["n_tests"] > 0
    bad_names = [name for name in results if not name.startswith(("pass__", "fail__"))]
    assert not bad_names, f"suite tests must be named pass__* or fail__*: {bad_names}"


def test_pass_tests_pass(suite_run):
    wrong = {
        name: (r["status"], r["message"])
        for name, r in suite_run["results"].items()
        if name.startswith("pass__") and r["status"] != "pass"
    }
    assert not wrong, f"expected to pass: {wrong}"


def test_fail_tests_fail_with_the_expected_rows(suite_run):
    wrong = {}
    for name, r in suite_run["results"].items():
        if not name.startswith("fail__"):
            continue
        if r["expected_failures"] is None:
            wrong[name] = "no meta.failures given"
        elif r["status"] != "fail" or r["failures"] != r["expected_failures"]:
            wrong[name] = (r["status"], r["failures"], r["expected_failures"], r["message"])
    assert not wrong, f"expected to fail (status, failures, expected, message): {wrong}"


def test_each_expectation_is_proven_both_ways(suite_run):
    outcomes: dict[str, set[str]] = {}
    for name, r in suite_run["results"].items():
        outcomes.setdefault(r["macro"], set()).add(name.split("__", 1)[0])
    assert set(outcomes) >= EXPECTED_TESTS
    one_way = {macro: seen for macro, seen in outcomes.items() if seen != {"pass", "fail"}}
    assert not one_way, f"exercised only one way: {one_way}"


def test_no_deprecation_or_warning(suite_run):
    output = suite_run["output"]
    assert not re.search(r"deprecat", output, re.IGNORECASE), output
    assert "[WARNING]" not in output, output


def test_one_macro_file_per_expectation():
    for name in EXPECTED_TESTS:
        path = MACROS / f"{name}.sql"
        assert path.is_file(), f"missing {path}"
        assert re.search(r"\{%-?\s*test\s+" + name + r"\s*\(", path.read_text(encoding="utf-8"))


def test_suite_is_disabled_in_the_main_project():
    """The main project also parses the suite's YAML (it sits under its test-paths)."""

    def check_tests(path: Path, owner: dict) -> int:
        for test in owner.get("data_tests", []):
            ((_, spec),) = test.items()
            assert spec["config"]["enabled"] == SUITE_ENABLED, f"{path}: {spec['name']}"
        return len(owner.get("data_tests", []))

    n_tests = 0
    for path in sorted((SUITE / "models").rglob("*.yml")):
        document = yaml.safe_load(path.read_text(encoding="utf-8"))
        assert set(document) == {"sources"}, path
        for source in document["sources"]:
            assert source["config"]["enabled"] == SUITE_ENABLED, f"{path}: {source['name']}"
            for table in source["tables"]:
                assert table["config"]["enabled"] == SUITE_ENABLED, f"{path}: {table['name']}"
                n_tests += check_tests(path, table)
                for column in table.get("columns", []):
                    n_tests += check_tests(path, column)
    assert n_tests > 0
    project = yaml.safe_load((SUITE / "dbt_project.yml").read_text(encoding="utf-8"))
    assert project["vars"]["expectations_suite_enabled"] is True
    # Keys the main project would read as property-file sections.
    assert not set(project) & {"models", "seeds", "snapshots", "sources", "macros", "analyses"}
