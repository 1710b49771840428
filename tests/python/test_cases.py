"""The investigation case queue (models/intermediate/risk/cases/
int_risk_case_days.py), on hand-made alerts: grouping into one case per
customer, joining an open case, cooling-off, the capacity cut, ranking
ties, expiry and the risk score's part in the priority. Every expected row
below was worked out by hand from the rules in docs/cases.md."""

import importlib.util
from datetime import date, timedelta

import pandas as pd
import pytest
from conftest import REPO

SPEC = importlib.util.spec_from_file_location(
    "int_risk_case_days", REPO / "models/intermediate/risk/cases/int_risk_case_days.py"
)
cases = importlib.util.module_from_spec(SPEC)
SPEC.loader.exec_module(cases)

D1 = date(2026, 10, 1)


def day(n: int) -> date:
    return D1 + timedelta(days=n - 1)


def alerts(*rows) -> pd.DataFrame:
    """(customer, day number, rule, severity weight, amount) per alert."""
    return pd.DataFrame(
        [(c, day(d), r, s, float(a)) for c, d, r, s, a in rows],
        columns=["customer_id", "alert_date", "rule_id", "severity_weight", "amount_at_risk_vnd"],
    )


def scores(*rows) -> pd.DataFrame:
    """(customer, day number, risk score)."""
    return pd.DataFrame(
        [(c, day(d), s) for c, d, s in rows], columns=["customer_id", "score_date", "risk_score"]
    )


NO_SCORES = scores()


def run(alert_rows, days, capacity, score_rows=NO_SCORES, cooling_off=7, expiry=7, threshold=0):
    out = cases.simulate_cases(
        alert_rows,
        score_rows,
        pd.date_range(day(1), day(days)),
        capacity,
        cooling_off_days=cooling_off,
        expiry_days=expiry,
        score_weight=4.0,
        open_min_priority=threshold,
    )
    out["queue_date"] = pd.to_datetime(out["queue_date"]).dt.date
    return out


def rows(out, *columns):
    """The case rows (customers with a case that day), sorted."""
    return sorted(
        tuple(r) for r in out[out["case_id"].notna()][list(columns)].itertuples(index=False)
    )


def held(out):
    """(day, customer, status) of the alerted customers who got no case."""
    no_case = out[out["case_id"].isna()]
    return sorted(
        zip(no_case["queue_date"], no_case["customer_id"], no_case["status"], strict=True)
    )


def test_alerts_join_the_open_case_and_the_capacity_cuts():
    # day 1: customer 2 (critical) takes the one case a day; customer 1 waits.
    # day 2: customer 1's new alert joins its open case (2 alerts, severity
    # now 2), which is worked; customer 2's repeat of its closed case's rule
    # is suppressed by the cooling-off (no row).
    out = run(
        alerts((2, 1, "x", 4, 10), (1, 1, "a", 1, 100), (1, 2, "b", 2, 50), (2, 2, "x", 4, 10)),
        days=2,
        capacity=1,
    )
    assert rows(
        out,
        "queue_date",
        "case_id",
        "status",
        "queue_rank",
        "alert_count",
        "alerts_today",
        "is_new",
    ) == [
        (day(1), "C20261001-00000001", "open", 2, 1, 1, True),
        (day(1), "C20261001-00000002", "worked", 1, 1, 1, True),
        (day(2), "C20261001-00000001", "worked", 1, 2, 1, False),
    ]
    assert held(out) == [(day(2), 2, "suppressed")]
    second_day = out[(out["queue_date"] == day(2)) & out["case_id"].notna()].iloc[0]
    assert second_day["max_severity_weight"] == 2
    assert second_day["amount_at_risk_vnd"] == 150.0


def test_cooling_off_suppresses_the_same_rules_but_not_a_new_one():
    # all three cases worked on day 1 (capacity 3). Customer 1: the same rule
    # on day 3 is suppressed; on day 9 (8 days after closing, cooling-off 7)
    # it opens a new case. Customer 3: a rule its closed case lacked opens a
    # new case on day 2 at once.
    out = run(
        alerts(
            (1, 1, "a", 2, 0),
            (2, 1, "a", 2, 0),
            (3, 1, "a", 2, 0),
            (1, 3, "a", 2, 0),
            (3, 2, "a", 2, 0),
            (3, 2, "b", 1, 0),
            (1, 9, "a", 2, 0),
        ),
        days=9,
        capacity=3,
    )
    assert rows(out, "case_id", "queue_date", "status", "alert_count") == [
        ("C20261001-00000001", day(1), "worked", 1),
        ("C20261001-00000002", day(1), "worked", 1),
        ("C20261001-00000003", day(1), "worked", 1),
        ("C20261002-00000003", day(2), "worked", 2),
        ("C20261009-00000001", day(9), "worked", 1),
    ]
    assert held(out) == [(day(3), 1, "suppressed")]


def test_ranking_ties_go_to_the_older_case_then_value_then_case_id():
    # day 1: customer 8 (critical) is worked; customer 7 (medium) waits.
    # day 2: four medium cases, capacity 1: 7 opened earlier, so first; 5 and
    # 6 tie on priority, day and value, the smaller case id first; 4 has
    # less value at risk.
    out = run(
        alerts(
            (8, 1, "x", 4, 0),
            (7, 1, "a", 2, 100),
            (5, 2, "a", 2, 500),
            (6, 2, "a", 2, 500),
            (4, 2, "a", 2, 50),
        ),
        days=2,
        capacity=1,
    )
    second = out[out["queue_date"] == day(2)].sort_values("queue_rank")
    assert list(second["customer_id"]) == [7, 5, 6, 4]
    assert list(second["status"]) == ["worked", "open", "open", "open"]


def test_the_latest_risk_score_raises_the_priority():
    # customer 1: medium (2) + 4 x its day-1 score 0.5 = 4 beats customer 2's
    # high (3) with no score; customer 2's score on day 3 comes too late.
    # (Customer 1's score alone on day 1, 4 x 0.5 = 2, is under the
    # threshold 2.5: no case that day.)
    out = run(
        alerts((1, 2, "a", 2, 0), (2, 2, "b", 3, 0)),
        days=2,
        capacity=1,
        score_rows=scores((1, 1, 0.5), (2, 3, 0.9)),
        threshold=2.5,
    )
    assert rows(out, "customer_id", "priority", "queue_rank", "status") == [
        (1, 4.0, 1, "worked"),
        (2, 3.0, 2, "open"),
    ]


def test_an_unworked_case_expires_after_the_expiry_days():
    # a critical case a day takes the capacity; customer 1's low case
    # (last alert day 1, expiry 3) is open on days 1-3 and expires on day 4,
    # unranked
    out = run(
        alerts((1, 1, "a", 1, 0), *[(10 + d, d, "x", 4, 0) for d in range(1, 5)]),
        days=4,
        capacity=1,
        expiry=3,
    )
    mine = out[out["customer_id"] == 1].sort_values("queue_date")
    assert list(mine["status"]) == ["open", "open", "open", "expired"]
    assert mine["queue_rank"].isna().tolist() == [False, False, False, True]


def test_a_case_opens_only_at_the_threshold_priority():
    # threshold 2.5: low (1) + 4 x 0.5 = 3 opens; low without score (1) does
    # not; medium (2) + 4 x 0.1 = 2.4 does not; medium + 4 x 0.125 = 2.5
    # (the bound itself) opens
    out = run(
        alerts((1, 1, "a", 1, 0), (2, 1, "a", 1, 0), (3, 1, "b", 2, 0), (4, 1, "b", 2, 0)),
        days=1,
        capacity=5,
        score_rows=scores((2, 1, 0.5), (3, 1, 0.1), (4, 1, 0.125)),
        threshold=2.5,
    )
    assert rows(out, "customer_id", "status") == [(2, "worked"), (4, "worked")]
    assert held(out) == [(day(1), 1, "below_threshold"), (day(1), 3, "below_threshold")]


def test_a_high_risk_score_alone_opens_a_case():
    # threshold 2.5: customer 1, no alert, scored 0.7 on day 1 (4 x 0.7 =
    # 2.8) opens a case by its score; customer 2 scored 0.6 (2.4) does not.
    # Customer 3's high alert opens its case (its score adds no case of its
    # own) at 3 + 4 x 0.9 = 6.6, ahead of customer 9's critical at 4 + 0
    # and customer 1's 2.8
    out = run(
        alerts((3, 1, "a", 3, 0), (9, 1, "x", 4, 0)),
        days=1,
        capacity=1,
        score_rows=scores((1, 1, 0.7), (2, 1, 0.6), (3, 1, 0.9)),
        threshold=2.5,
    )
    assert rows(out, "customer_id", "opened_by", "alert_count", "status", "queue_rank") == [
        (1, "risk_score", 0, "open", 3),
        (3, "rules", 1, "worked", 1),
        (9, "rules", 1, "open", 2),
    ]
    assert held(out) == []


@pytest.mark.parametrize(
    ("per_1000", "customers", "expected"),
    [(3, 1018, 3), (3, 20000, 60), (1, 400, 1), (2.5, 1000, 3), (10, 1018, 10)],
)
def test_capacity_in_cases_a_day(per_1000, customers, expected):
    assert cases.capacity_cases(per_1000, customers) == expected


def test_a_scenario_can_set_its_own_capacity():
    assert cases.configured_capacity(3, {"mule_network": 10}, "mule_network") == 10.0
    assert cases.configured_capacity(3, {"mule_network": 10}, "fraud_attack") == 3.0
    # a warehouse another loader landed has no scenario
    assert cases.configured_capacity(3, {"mule_network": 10}, None) == 3.0


class _Relation:
    def __init__(self, name: str):
        self.name = name

    def sql_query(self) -> str:
        return f"select * from {self.name}"


class _Config(dict):
    def __call__(self, **_):
        return None


class _Dbt:
    """The part of dbt's Python-model interface the case model uses."""

    def __init__(self, settings: dict):
        self.config = _Config(settings)

    def ref(self, name: str) -> _Relation:
        return _Relation(name)


def test_the_model_reads_every_champion_score_and_no_challengers():
    # the whole model on hand-made relations: customer 1 has no alert and a
    # champion score of 0.7 (4 x 0.7 = 2.8 >= 2.5): a case by its score;
    # customer 2 has no alert and only a challenger's (shadow) 0.99: no case;
    # customer 3's alert opens its own. A filter of the scores to alerted
    # customers (a tempting saving at scale) would lose customer 1's case.
    import duckdb

    session = duckdb.connect()
    session.execute(
        """
        create table stg_seeder__loads as select 1 as batch_id, 'default' as scenario;
        create table stg_core_banking__customers as
            select range + 1 as customer_id from range(1000);
        create table int_risk_transactions as
            select date '2026-10-01' as transaction_date;
        create table int_risk_case_alerts as
            select 3 as customer_id, date '2026-10-01' as alert_date, 'r' as rule_id,
                   3 as severity_weight, 0 as amount_at_risk_vnd;
        create table int_risk_score_log as
            select * from (values
                (1, date '2026-10-01', 0.7, true),
                (2, date '2026-10-01', 0.99, false),
                (3, date '2026-10-01', 0.1, true)
            ) as t(customer_id, score_date, score, is_champion);
        """
    )
    settings = {
        "case_capacity_by_scenario": "{}",
        "case_capacity_per_1000_customers": "3",
        "case_capacities_evaluated": "[3]",
        "case_cooling_off_days": "7",
        "case_expiry_days": "7",
        "case_risk_score_weight": "4",
        "case_open_min_priority": "2.5",
    }
    out = cases.model(_Dbt(settings), session).to_pandas()
    opened = out[out["case_id"].notna()]
    assert sorted(zip(opened["customer_id"], opened["opened_by"], strict=True)) == [
        (1, "risk_score"),
        (3, "rules"),
    ]
    assert 2 not in set(out["customer_id"])
