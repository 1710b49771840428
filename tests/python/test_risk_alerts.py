"""End-to-end checks of the risk alert layer (issue #7).

Seeds small fraud_attack and mule_network warehouses, builds the risk marts
with dbt and asserts the structural guarantees: deterministic alert ids
across builds, every alert in its queue (fraud alerts here, compliance
flags as exceptions), every rule in dim_alert_rules,
explanations filled in, no label column in fct_risk_alerts, performance
rows per typology, the model evaluated. Detection targets are asserted
only for the rules that meet them on these warehouses (the mart reports
the truth either way; see its description).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import REPO, query

DBT = Path(sys.executable).with_name("dbt")
SELECT = [
    "+fct_risk_alerts",
    "+fct_alert_performance+",
    "+fct_model_evaluation",
    "+fct_score_drift",
    "+fct_customer_risk_scores",
    "+dim_alert_rules",
    # the evaluation's reconciliation tests read these marts too
    "+fct_fraud_case_detection",
    "+fct_transactions",
    "+fct_compliance_exceptions",
    # the monitoring marts and the investigators' events read these
    "+dim_customers",
    "+fct_case_customer_events",
]
LABEL_COLUMNS = {"typology", "case_id", "case_role", "role", "is_fraud", "label"}
SCENARIOS = {
    "fraud_attack": ["--customers", "1000", "--days", "12"],
    "mule_network": ["--customers", "1000", "--days", "14"],
}

pytestmark = pytest.mark.e2e


def _env(db: Path) -> dict[str, str]:
    return {**os.environ, "BANK_DUCKDB_PATH": str(db), "DBT_PROFILES_DIR": str(REPO)}


def _dbt(db: Path, work: Path, *args: str) -> subprocess.Popen:
    return subprocess.Popen(
        [
            str(DBT),
            *args,
            "--target-path",
            str(work / "target"),
            "--log-path",
            str(work / "logs"),
        ],
        cwd=REPO,
        env=_env(db),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )


def _wait(process: subprocess.Popen) -> str:
    output, _ = process.communicate(timeout=900)
    assert process.returncode == 0, output[-4000:]
    return output


@pytest.fixture(scope="module")
def warehouses(tmp_path_factory) -> dict[str, Path]:
    """Both scenarios seeded and built (in parallel); alert ids of a first
    build of fraud_attack kept for the determinism check."""
    root = tmp_path_factory.mktemp("risk")
    dbs: dict[str, Path] = {}
    for name, args in SCENARIOS.items():
        db = root / f"{name}.duckdb"
        seed = subprocess.run(
            [
                sys.executable,
                "-m",
                "seeds_generator",
                "--quiet",
                "--db",
                str(db),
                "--scenario",
                name,
                *args,
                "--loaded-at",
                "2026-11-01T06:00:00",
            ],
            cwd=REPO,
            capture_output=True,
            text=True,
            timeout=600,
        )
        assert seed.returncode == 0, seed.stderr
        dbs[name] = db
    builds = [
        _dbt(
            db,
            root / name,
            "build",
            "--select",
            *SELECT,
            "--indirect-selection",
            "cautious",
            "--exclude",
            "test_type:unit",
        )
        for name, db in dbs.items()
    ]
    for build in builds:
        _wait(build)
    return dbs


def test_alert_and_case_ids_are_deterministic_across_builds(warehouses, tmp_path):
    db = warehouses["fraud_attack"]
    alerts = "select alert_id, case_id, status from marts.fct_risk_alerts order by alert_id"
    cases = "select case_id, status, worked_date, priority from marts.fct_cases order by case_id"
    first, first_cases = query(db, alerts), query(db, cases)
    assert first, "fraud_attack raised no alert at all"
    assert first_cases, "fraud_attack opened no case at all"
    _wait(_dbt(db, tmp_path, "run", "--select", "int_risk_transactions+", "dim_alert_rules"))
    assert query(db, alerts) == first
    assert query(db, cases) == first_cases


@pytest.mark.parametrize("scenario", sorted(SCENARIOS))
def test_alerts_are_in_their_queue_explained_and_known(warehouses, scenario):
    db = warehouses[scenario]
    statuses = {
        status for (status,) in query(db, "select distinct status from marts.fct_risk_alerts")
    }
    assert statuses <= {"open", "worked", "expired", "suppressed", "below_threshold"}
    # the fraud team's alerts only; the compliance queue's rules are exceptions
    queues = query(
        db,
        """
        select distinct r.queue from marts.fct_risk_alerts as a
        inner join marts.dim_alert_rules as r on a.rule_id = r.rule_id
    """,
    )
    assert queues == [("fraud",)]
    misplaced = query(
        db,
        """
        select distinct e.rule_id from marts.fct_compliance_exception_days as e
        inner join marts.dim_alert_rules as r on e.rule_id = r.rule_id
        where r.queue != 'compliance'
    """,
    )
    assert misplaced == []
    # every alert of the rules is in one of the two queues
    (unplaced,) = query(
        db,
        """
        select count(*) from intermediate.int_risk_alerts as i
        where i.alert_id not in (select alert_id from marts.fct_risk_alerts)
          and i.rule_id not in (
            select rule_id from marts.dim_alert_rules where queue = 'compliance')
    """,
    )[0]
    assert unplaced == 0
    unknown = query(
        db,
        """
        select distinct rule_id from marts.fct_risk_alerts
        where rule_id not in (select rule_id from marts.dim_alert_rules)
    """,
    )
    assert unknown == []
    empty = query(
        db,
        """
        select count(*) from marts.fct_risk_alerts
        where explanation is null or trim(explanation) = ''
    """,
    )
    assert empty == [(0,)]
    rules = query(db, "select count(*), count(distinct rule_id) from marts.dim_alert_rules")
    assert rules == [(22, 22)]


def test_no_label_columns_in_alerts(warehouses):
    db = warehouses["fraud_attack"]
    columns = {row[0] for row in query(db, "describe marts.fct_risk_alerts")}
    # case_id is the investigation case (fct_cases), not the ground truth's
    assert not columns & (LABEL_COLUMNS - {"case_id"})
    foreign = query(
        db,
        """
        select count(*) from marts.fct_risk_alerts
        where case_id is not null
          and case_id not in (select case_id from marts.fct_cases)
    """,
    )
    assert foreign == [(0,)]


@pytest.mark.parametrize("scenario", sorted(SCENARIOS))
def test_performance_rows_for_every_typology(warehouses, scenario):
    db = warehouses[scenario]
    missing = query(
        db,
        """
        select distinct typology from staging.stg_core_banking__fraud_labels
        except
        select typology from marts.fct_alert_performance
        where rule_id = 'all_typology_rules'
        group by typology
        having count(distinct evaluation_level) = 4
    """,
    )
    assert missing == []
    rule_rows = query(
        db,
        """
        select count(distinct rule_id) from marts.fct_alert_performance
        where rule_id in (select rule_id from marts.dim_alert_rules)
    """,
    )
    assert rule_rows == [(22,)]


@pytest.mark.parametrize("scenario", sorted(SCENARIOS))
def test_model_is_evaluated(warehouses, scenario):
    db = warehouses[scenario]
    [(auc, ap, train_end, test_start)] = query(
        db,
        """
        select auc, average_precision, train_end_date, test_start_date
        from marts.fct_model_evaluation
    """,
    )
    assert auc is not None and 0.0 <= auc <= 1.0
    assert ap is not None
    assert train_end < test_start
    scores = query(
        db,
        """
        select min(risk_score), max(risk_score), count(*) from marts.fct_customer_risk_scores
    """,
    )
    assert scores[0][0] >= 0 and scores[0][1] <= 1 and scores[0][2] > 0


@pytest.mark.parametrize("scenario", sorted(SCENARIOS))
def test_money_moving_alerts_cover_only_money_that_moved(warehouses, scenario):
    """untrusted_device and inactive_account alert money that left: every
    evidence transaction is a completed, money-moving one, and one alert
    covers one device / account and day."""
    rows = query(
        warehouses[scenario],
        """
        select
            alert_transactions.rule_id,
            count(*) filter (
                where not (transactions.is_completed and transactions.is_money_moving)
            ) as not_moved,
            count(distinct alert_transactions.alert_id) as alerts,
            count(distinct case alert_transactions.rule_id
                when 'untrusted_device' then cast(transactions.device_id as varchar)
                else cast(transactions.from_account_id as varchar) end
                || '|' || cast(transactions.transaction_date as varchar)) as keys
        from intermediate.int_risk_alert_transactions as alert_transactions
        inner join intermediate.int_risk_transactions as transactions
            on alert_transactions.transaction_id = transactions.transaction_id
        where alert_transactions.rule_id in ('untrusted_device', 'inactive_account')
        group by 1
    """,
    )
    assert rows, "no untrusted-device or inactive-account alert to check"
    for rule, not_moved, alerts, keys in rows:
        assert not_moved == 0, rule
        assert alerts == keys, rule


@pytest.mark.parametrize("scenario", sorted(SCENARIOS))
def test_no_transaction_alerted_twice_for_one_shortfall(warehouses, scenario):
    """A missing biometric match on an individual's I.3 transfer is reported
    by strong_auth_required (over 10M) or daily_limit_strong_auth (Tksth over
    20M), not by weak_authentication as well."""
    [(both,)] = query(
        warehouses[scenario],
        """
        select count(*) from (
            select transaction_id from intermediate.int_risk_alert_transactions
            where rule_id = 'weak_authentication'
            intersect
            select transaction_id from intermediate.int_risk_alert_transactions
            where rule_id in ('strong_auth_required', 'daily_limit_strong_auth')
        ) as twice
    """,
    )
    assert both == 0


# the (rule, scenario) pairs that meet recall >= 0.95 at precision >= 0.80 at
# case level on these warehouses; the others are reported, not asserted
TARGETS = [
    ("velocity_attack", "fraud_attack"),
    ("account_takeover", "fraud_attack"),
    ("card_testing", "fraud_attack"),
]


@pytest.mark.parametrize(("rule", "scenario"), TARGETS)
def test_detection_targets_where_met(warehouses, rule, scenario):
    rows = query(
        warehouses[scenario],
        f"""
        select positives, recall, precision from marts.fct_alert_performance
        where rule_id = '{rule}' and evaluation_level = 'case'
    """,
    )
    [(positives, recall, precision)] = rows
    assert positives > 0
    assert recall >= 0.95 and precision >= 0.80
