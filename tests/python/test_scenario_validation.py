"""Scenario files: ``--validate-scenario`` refuses exactly what a run refuses,
and every refusal says what YAML read (issue 25, defect 7).

Each test reproduces one gap found on the earlier main: typology parameters
checked by the run only, an overflowing profile, a number as the name,
duplicate keys kept silently, YAML 1.1 reading ``1e11`` as text.
"""

from __future__ import annotations

import pytest
from conftest import run_seed, write_scenario

from seeds_generator.config import ScenarioError, load_scenario


def _refused(result, *needles: str) -> str:
    """The one-line refusal of a run that exited 2, checked for ``needles``."""
    assert result.returncode == 2, (result.returncode, result.stderr)
    assert "Traceback" not in result.stderr
    last = result.stderr.strip().splitlines()[-1]
    assert last.startswith("bank-seed: error: ")
    for needle in needles:
        assert needle in last, (needle, last)
    return last


@pytest.mark.parametrize(
    ("params", "needles"),
    [
        ("min_paymnts: 3", ["fraud.params.card_testing.min_paymnts", "min_payments"]),
        ("min_payments: abc", ["fraud.params.card_testing.min_payments", "YAML read 'abc'"]),
        ("min_payments: true", ["fraud.params.card_testing.min_payments", "as a boolean"]),
        ("min_payments: 2.5", ["fraud.params.card_testing.min_payments", "whole number"]),
        ("min_amount: .inf", ["fraud.params.card_testing.min_amount", "inf"]),
        ("min_amount: -5", ["fraud.params.card_testing.min_amount", "non-negative"]),
    ],
)
def test_validate_scenario_refuses_bad_typology_parameters(tmp_path, params, needles):
    path = write_scenario(
        tmp_path,
        "bad_params",
        f"name: bad_params\nfraud:\n  params:\n    card_testing:\n      {params}\n",
    )
    _refused(run_seed("--validate-scenario", str(path)), *needles)


def test_a_run_refuses_what_validate_scenario_refuses(tmp_path):
    path = write_scenario(
        tmp_path, "bad_params", "fraud:\n  params:\n    structuring:\n      max_transfer: 3\n"
    )
    validated = _refused(run_seed("--validate-scenario", str(path)))
    db = tmp_path / "bank.duckdb"
    ran = _refused(run_seed("--db", str(db), "--scenario", str(path), "--days", "1"))
    assert validated == ran and "fraud.params.structuring.max_transfer" in ran
    assert not db.exists()


def test_a_valid_typology_override_is_accepted(tmp_path):
    path = write_scenario(
        tmp_path, "ok_params", "fraud:\n  params:\n    card_testing:\n      min_payments: 2e1\n"
    )
    result = run_seed("--validate-scenario", str(path))
    assert result.returncode == 0, result.stderr
    assert load_scenario(path).fraud.params["card_testing"]["min_payments"] == 20


def test_an_overflowing_hourly_profile_is_refused(tmp_path):
    # 24 x 1e308 sums to inf: every hour's share would have been 0
    profile = ", ".join(["1.0e+308"] * 24)
    path = write_scenario(tmp_path, "huge", f"activity:\n  hourly_profile: [{profile}]\n")
    _refused(run_seed("--validate-scenario", str(path)), "activity.hourly_profile[0]", "1e+308")


def test_a_number_as_the_name_is_refused_saying_what_yaml_read(tmp_path):
    path = write_scenario(tmp_path, "numbered", "name: 2026\n")
    _refused(run_seed("--validate-scenario", str(path)), "'name'", "YAML read 2026 as an integer")
    quoted = write_scenario(tmp_path, "quoted", 'name: "2026"\n')
    assert load_scenario(quoted).name == "2026"


@pytest.mark.parametrize(
    ("text", "key", "line"),
    [
        (
            "name: twice\npopulation:\n  customers: 10\ndays: 2\npopulation:\n  customers: 20\n",
            "population",
            5,
        ),
        (
            "name: twice\npopulation:\n  customers: 10\n  organization_share: 0.1\n"
            "  customers: 20\n",
            "customers",
            5,
        ),
        ("fraud:\n  params:\n    cycle:\n      min_hops: 3\n      min_hops: 4\n", "min_hops", 5),
    ],
)
def test_a_duplicate_key_is_refused_naming_key_and_line(tmp_path, text, key, line):
    path = write_scenario(tmp_path, "twice", text)
    _refused(
        run_seed("--validate-scenario", str(path)),
        f"duplicate key '{key}' at line {line} of {path}",
    )


def test_a_merge_key_may_override(tmp_path):
    # YAML's merge (<<) overrides by design: not a duplicate
    path = write_scenario(
        tmp_path,
        "merged",
        "population: {customers: 10, organization_share: 0.1}\n"
        "activity:\n  amounts:\n    inquiry: {median: 0, sigma: 0}\n"
        "defects:\n  <<: {rate: 0.5}\n  rate: 0.0\n",
    )
    assert load_scenario(path).defects.rate == 0.0


def test_median_1e11_is_a_number_and_text_is_refused_saying_so(tmp_path):
    path = write_scenario(
        tmp_path,
        "median",
        "activity:\n  amounts:\n    payment_goods_services:\n      median: 1e11\n",
    )
    result = run_seed("--validate-scenario", str(path))
    assert result.returncode == 0, result.stderr
    assert load_scenario(path).activity.amounts["payment_goods_services"].median == 1e11
    text = write_scenario(
        tmp_path,
        "text",
        "activity:\n  amounts:\n    payment_goods_services:\n      median: abc\n",
    )
    _refused(
        run_seed("--validate-scenario", str(text)),
        "activity.amounts.payment_goods_services.median",
        "YAML read 'abc' as a string",
    )


@pytest.mark.parametrize(
    ("written", "read"),
    [
        ("1e3", 1000),
        ("1E3", 1000),
        ("+1.5e3", 1500),
        ("010", 10),  # YAML 1.2: decimal, not octal 8
        ("1_000", 1000),  # digit groups: YAML 1.1, still read (older files use them)
    ],
)
def test_customers_read_the_yaml_1_2_way(tmp_path, written, read):
    path = write_scenario(tmp_path, "n", f"population:\n  customers: {written}\n")
    customers = load_scenario(path).population.customers
    assert customers == read and isinstance(customers, int)


@pytest.mark.parametrize(
    ("written", "read"),
    [("1e-2", 0.01), (".5", 0.5), ("+.25", 0.25), ("5.e-1", 0.5), ("1E-1", 0.1)],
)
def test_fractions_read_the_yaml_1_2_way(tmp_path, written, read):
    path = write_scenario(tmp_path, "f", f"population:\n  organization_share: {written}\n")
    assert load_scenario(path).population.organization_share == pytest.approx(read)


def test_customers_1e3_via_the_command_line(tmp_path):
    path = write_scenario(tmp_path, "thousand", "population:\n  customers: 1e3\n")
    result = run_seed("--validate-scenario", str(path))
    assert result.returncode == 0, result.stderr


def test_a_fraction_of_a_customer_is_refused(tmp_path):
    path = write_scenario(tmp_path, "half", "population:\n  customers: 1.5e2\n")
    assert load_scenario(path).population.customers == 150
    path = write_scenario(tmp_path, "half", "population:\n  customers: 2.5\n")
    with pytest.raises(ScenarioError, match="population.customers"):
        load_scenario(path)


def test_dates_stay_text_for_our_own_parser(tmp_path):
    path = write_scenario(tmp_path, "d", "start_date: 2026-02-30\n")
    with pytest.raises(ScenarioError, match="start_date.*2026-02-30"):
        load_scenario(path)
