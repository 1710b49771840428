"""The bank's risk model (docs/risk-model.md): what it may learn from, its
registry, its reasons and its append-only log.

The unit tests use hand-made arrays and hand-computed figures; the others
read the warehouse `make test` built (one 30-day load) or a copy of it
carried forward by two nightly loads.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
from pathlib import Path

import duckdb
import numpy as np
import pytest
from conftest import REPO, query, run_dbt, run_seed, warehouse_path

from bank_ops import risk_model as rm

D = dt.date


# ---------------------------------------------------------------- labels


def test_a_label_decided_after_the_training_day_does_not_reach_training():
    # rows: customer 1 on 10-05 and 10-06, customer 2 on 10-05
    customers = np.array([1, 1, 2])
    days = np.array(["2026-10-05", "2026-10-06", "2026-10-05"], dtype="datetime64[D]")
    # customer 1's 10-05 fraud was confirmed on 10-09 (the training day);
    # customer 2's 10-05 fraud only on 10-12, three days after it: late
    label_customers = np.array([1, 2])
    label_days = np.array(["2026-10-05", "2026-10-05"], dtype="datetime64[D]")
    label_known = np.array(["2026-10-09", "2026-10-12"], dtype="datetime64[D]")

    at_training = rm.known_positive(
        customers, days, label_customers, label_days, label_known, np.datetime64("2026-10-09")
    )
    assert at_training.tolist() == [True, False, False]

    later = rm.known_positive(
        customers, days, label_customers, label_days, label_known, np.datetime64("2026-10-12")
    )
    assert later.tolist() == [True, False, True]


def test_training_calendar_and_window_by_hand():
    assert rm.training_dates(D(2026, 10, 1), D(2026, 10, 30), 14, 7) == [
        D(2026, 10, 14),
        D(2026, 10, 21),
        D(2026, 10, 28),
    ]
    assert rm.training_dates(D(2026, 10, 1), D(2026, 10, 13), 14, 7) == []
    window = rm.training_window(D(2026, 10, 21), D(2026, 10, 1), 5, 56, 4)
    # gap: 10-17..10-21 left out; validation 10-13..10-16; training before
    assert (window.validation_start, window.validation_end) == (D(2026, 10, 13), D(2026, 10, 16))
    assert (window.train_start, window.train_end) == (D(2026, 10, 1), D(2026, 10, 12))
    # a short window starts later than the first day
    short = rm.training_window(D(2026, 10, 21), D(2026, 10, 1), 5, 3, 4)
    assert short.train_start == D(2026, 10, 10)


def test_negatives_are_sampled_and_reweighted():
    y = np.array([True] + [False] * 9)
    rows, weight = rm.sample_training_rows(np.arange(10), y, 3)
    assert len(rows) == 4 and 0 in rows
    # 9 negatives stand for themselves through 3: weight 3 each
    assert weight.tolist() == [1.0 if y[r] else 3.0 for r in rows]
    same, _ = rm.sample_training_rows(np.arange(10), y, 3)
    assert same.tolist() == rows.tolist()


# ---------------------------------------------------------------- registry


def _candidate(**params):
    return rm.Candidate("stump", ("a", "b"), {"num_boost_round": 1, **params})


def test_version_id_is_stable_for_identical_inputs_and_changes_with_any():
    window = rm.training_window(D(2026, 10, 21), D(2026, 10, 1), 5, 56, 4)
    x = np.array([[0.0, 1.0], [1.0, 2.0]])
    y = np.array([False, True])
    w = np.ones(2)
    first = rm.version_id(_candidate(), window, x, y, w)
    assert first == rm.version_id(_candidate(), window, x.copy(), y.copy(), w.copy())
    assert len(first) == 16
    other_window = rm.training_window(D(2026, 10, 28), D(2026, 10, 1), 5, 56, 4)
    assert rm.version_id(_candidate(), other_window, x, y, w) != first
    assert rm.version_id(_candidate(learning_rate=0.5), window, x, y, w) != first
    assert rm.version_id(_candidate(), window, x + 1, y, w) != first
    assert rm.version_id(_candidate(), window, x, ~y, w) != first


def test_candidates_are_checked():
    with pytest.raises(rm.ModelSpecError, match="unknown features \\['nope'\\]"):
        rm.Candidate.parse({"name": "c", "features": ["nope"]}, ["a"])
    with pytest.raises(rm.ModelSpecError, match="'seed'"):
        rm.Candidate.parse({"name": "c", "params": {"seed": 3}}, ["a"])
    assert rm.Candidate.parse({"name": "c"}, ["a", "b"]).features == ("a", "b")


def test_promotion_rule():
    assert rm.promote(0.50, 0.53, 0.02)[0]
    assert not rm.promote(0.50, 0.515, 0.02)[0]
    assert rm.promote(None, 0.1, 0.02)[0]
    assert not rm.promote(0.5, None, 0.02)[0]
    assert not rm.promote(None, None, 0.02)[0]


def test_the_champion_is_chosen_against_the_incumbent_only():
    # b is the incumbent; a beats it by 0.05 >= 0.02: promoted, and the
    # reason compares a with b (not b with its successor)
    name, reason = rm.choose_champion("b", [("a", True, 0.60), ("b", True, 0.55)], 0.02)
    assert name == "a" and reason.startswith("promoted: ") and "0.6000 >= champion 0.5500" in reason
    # the best challenger is the one compared: c (0.56) does not beat b by 0.02
    name, reason = rm.choose_champion(
        "b", [("a", True, 0.50), ("b", True, 0.55), ("c", True, 0.56)], 0.02
    )
    assert name == "b" and reason.startswith("kept: ")
    # an incumbent that could not train gives way; nothing trained: no champion
    assert rm.choose_champion("a", [("a", False, None), ("b", True, 0.1)], 0.02)[0] == "b"
    assert rm.choose_champion("a", [("a", False, None), ("b", False, None)], 0.02)[0] is None
    # a name no longer among the candidates: the first is the incumbent
    assert rm.choose_champion("gone", [("a", True, 0.3), ("b", True, 0.31)], 0.02)[0] == "a"


# ---------------------------------------------------------------- reasons

STUMP_X = np.array([[0.0, 5.0], [0.0, 1.0], [1.0, 2.0], [1.0, 7.0], [1.0, 3.0], [0.0, 2.0]])
STUMP_Y = np.array([False, False, True, True, False, False])


def _stump():
    params = {
        "num_boost_round": 1,
        "num_leaves": 2,
        "learning_rate": 1.0,
        "min_data_in_leaf": 1,
        "min_sum_hessian_in_leaf": 0.0,
        "min_data_in_bin": 1,
        "lambda_l2": 0.0,
        "boost_from_average": False,
    }
    return rm.fit(rm.Candidate("stump", ("a", "b"), params), STUMP_X, STUMP_Y, np.ones(6))


def test_exact_tree_shap_on_a_stump_by_hand():
    # One split on feature a. From a raw score of 0 (p = 0.5) each row has
    # gradient p - y and hessian 1/4. Left leaf (a = 0): three negatives,
    # value -(3 * 0.5) / (3 * 0.25) = -2. Right leaf: two frauds and a
    # negative, -(-0.5 - 0.5 + 0.5) / 0.75 = 2/3. The base value is the
    # leaves' mean weighted by their cover (0.75 each): -2/3. So feature a
    # contributes -2 + 2/3 = -4/3 on the left and 2/3 + 2/3 = 4/3 on the
    # right; feature b, never split on, contributes 0.
    booster = _stump()
    raw, contributions = rm.explain(booster, STUMP_X)
    left = STUMP_X[:, 0] == 0
    expected = np.column_stack([np.where(left, -4 / 3, 4 / 3), np.zeros(6), np.full(6, -2 / 3)])
    assert np.allclose(contributions, expected, atol=1e-12)
    assert np.allclose(raw, np.where(left, -2.0, 2 / 3), atol=1e-12)
    assert np.allclose(raw, booster.predict(STUMP_X, raw_score=True), atol=1e-12)


def test_a_stored_model_gives_the_same_scores_and_reasons():
    booster = _stump()
    text = rm.artifact_text(booster)
    again = rm.load(text)
    assert rm.artifact_hash(rm.artifact_text(again)) == rm.artifact_hash(text)
    assert np.array_equal(rm.explain(again, STUMP_X)[1], rm.explain(booster, STUMP_X)[1])
    # the same data trains the same model, byte for byte
    assert rm.artifact_text(_stump()) == text


def test_models_trained_side_by_side_equal_models_trained_one_after_another():
    # the registry trains its (day, candidate) models on threads: each must
    # come out byte for byte as it would alone, in the tasks' order
    rng = np.random.default_rng(3)
    x = rng.normal(size=(4000, 3))
    y = (x[:, 0] - x[:, 2] + rng.normal(size=4000)) > 1.0
    tasks = [
        (rm.Candidate(f"c{depth}", ("a", "b", "c"), {"num_boost_round": 40, "max_depth": depth}),)
        for depth in (2, 3, 4, 5)
    ]

    def train(candidate):
        return rm.artifact_text(rm.fit(candidate, x, y, np.ones(len(x))))

    alone = [train(*task) for task in tasks]
    assert len(set(alone)) == 4
    assert rm.in_parallel(train, tasks, workers=2) == alone
    assert rm.in_parallel(train, tasks, workers=1) == alone


def test_the_feature_select_list():
    assert rm.feature_select(["a", "b_c"]) == (
        "coalesce(cast(a as double), 0) as a, coalesce(cast(b_c as double), 0) as b_c"
    )
    assert rm.feature_select(["a"], "f") == "coalesce(cast(f.a as double), 0) as a"


@pytest.mark.parametrize(
    ("extra", "with_nan"),
    [
        ({}, False),
        ({}, True),
        ({"zero_as_missing": True}, True),
        ({"num_leaves": 31, "max_depth": -1}, False),
    ],
    ids=["plain", "nan-as-missing", "zero-as-missing", "deep-trees-row-by-row"],
)
def test_reasons_by_decision_pattern_equal_lightgbm_row_by_row(extra, with_nan):
    # explain() runs tree SHAP once per tree and decision pattern; LightGBM's
    # own pred_contrib on every row is the reference, including rows with
    # missing values and zeros, which LightGBM sends the default way
    rng = np.random.default_rng(7)
    x = rng.normal(size=(3000, 5)).round(1)
    y = (x[:, 0] + 0.5 * x[:, 1] * x[:, 2] + rng.normal(scale=0.5, size=3000)) > 1.2
    if with_nan:
        x[rng.random(x.shape) < 0.1] = np.nan
    params = {"num_boost_round": 30, "num_leaves": 8, "max_depth": 3, "min_data_in_leaf": 20}
    candidate = rm.Candidate("patterns", tuple("abcde"), {**params, **extra})
    booster = rm.fit(candidate, x, y, np.ones(len(x)))
    reference = booster.predict(x, pred_contrib=True)
    trees = rm._numeric_trees(booster)
    # shallow trees go by pattern (checked on its own, without the fallback);
    # trees with more splits than MAX_PATTERN_BITS go row by row
    assert (trees is None) == ("num_leaves" in extra)
    if trees is not None:
        by_pattern = rm._explain_by_pattern(booster, np.ascontiguousarray(x), trees)
        assert np.allclose(by_pattern, reference, rtol=0, atol=1e-12)
    raw, contributions = rm.explain(booster, x)
    assert contributions.shape == reference.shape
    assert np.allclose(contributions, reference, rtol=0, atol=1e-12)
    assert np.allclose(raw, booster.predict(x, raw_score=True), rtol=0, atol=1e-12)
    assert np.array_equal(rm.top_reasons(contributions), rm.top_reasons(reference))


def test_top_reasons_are_the_largest_contributions_first():
    contributions = np.array([[0.1, -2.0, 0.5, 0.5, 9.0], [-1.0, -0.5, -3.0, 0.0, -1.0]])
    assert rm.top_reasons(contributions).tolist() == [[2, 3, 0], [3, 1, 0]]


def test_auc_and_average_precision_by_hand():
    scores = np.array([0.9, 0.8, 0.8, 0.3, 0.1])
    y = np.array([True, False, True, False, False])
    # pairs (fraud, other): 0.9 beats all 3; 0.8 ties one 0.8 (half) and
    # beats two: (3 + 2.5) / 6
    assert rm.auc(scores, y) == pytest.approx(5.5 / 6)
    # order 0.9 (fraud), 0.8 (other), 0.8 (fraud): precisions 1 and 2/3
    assert rm.average_precision(scores, y) == pytest.approx((1 + 2 / 3) / 2)
    assert rm.auc(scores, np.zeros(5, dtype=bool)) is None


def test_weighted_auc_and_average_precision_by_hand():
    # the same rows, weights 1, 2, 1, 1, 3: a sampled negative standing for
    # several counts as several (the registry's training metrics)
    scores = np.array([0.9, 0.8, 0.8, 0.3, 0.1])
    y = np.array([True, False, True, False, False])
    weight = np.array([1.0, 2.0, 1.0, 1.0, 3.0])
    # fraud weight 2, other weight 6: 0.9 beats 6; 0.8 beats 4 and ties 2
    # (half): (6 + 5) / 12
    assert rm.auc(scores, y, weight) == pytest.approx(11 / 12)
    # order 0.9 (fraud, 1), 0.8 (other, 2), 0.8 (fraud, 1): precisions 1/1, 2/4
    assert rm.average_precision(scores, y, weight) == pytest.approx(0.75)
    # a weight of 2 is the row twice
    twice = np.array([0, 1, 1, 2, 3, 4, 4, 4])
    assert rm.auc(scores, y, weight) == pytest.approx(rm.auc(scores[twice], y[twice]))


# ---------------------------------------------------------------- the built warehouse


@pytest.fixture(scope="module")
def built():
    path = warehouse_path()
    if not path.exists() or not analytics_path().exists():
        pytest.skip(f"no built and published warehouse at {path} (make test builds it)")
    return path


def analytics_path() -> Path:
    """The analyst database the pipeline published (BANK_ANALYTICS_PATH)."""
    path = Path(os.environ.get("BANK_ANALYTICS_PATH", "warehouse/analytics.duckdb"))
    return path if path.is_absolute() else REPO / path


REGISTRY_LABELS = """
    with features as (
        select customer_id, score_date from intermediate.int_risk_customer_daily_features
    ),
    labels as (
        select customer_id, score_date, min(known_date) as known_date
        from intermediate.int_risk_label_events where is_fraud group by all
    )
    select
        m.model_version,
        m.train_positive_count,
        count(*) filter (where l.known_date <= m.trained_through) as known_by_then,
        count(l.known_date) as known_ever
    from marts.dim_risk_models as m
    inner join features as f
        on f.score_date between m.train_start_date and m.train_end_date
    left join labels as l
        on l.customer_id = f.customer_id and l.score_date = f.score_date
    group by all
"""


def registry_label_counts(db: Path) -> list[tuple]:
    """Independent of the Python model: for every version, its stored
    training positives, the training days' customer-days with a fraud
    label known by trained_through, and those with one known at any time."""
    rows = query(db, REGISTRY_LABELS)
    assert rows, "no model versions: the registry trained nothing"
    for version, stored, known_by_then, _ in rows:
        assert stored == known_by_then, version
    return rows


def test_the_registry_counts_only_labels_known_by_each_training_day(built):
    registry_label_counts(built)


def test_the_queue_reads_the_champion(built):
    rows = query(
        built,
        """
        select count(*), count(*) filter (where c.risk_score = s.score)
        from marts.fct_cases as c
        inner join marts.fct_risk_score_log as s
            on s.customer_id = c.customer_id and s.score_date = c.risk_score_date
            and s.model_version = c.risk_model_version
        where s.is_champion
        """,
    )
    assert rows[0][0] > 0 and rows[0][0] == rows[0][1]


# ---------------------------------------------------------------- nightly runs


def _log(db):
    return sorted(query(db, "select * from intermediate.int_risk_score_log"))


def _registry(db):
    return sorted(query(db, "select * from intermediate.int_risk_model_versions"))


def test_the_log_is_never_rewritten_by_a_nightly_run_or_a_retrain(built, tmp_path):
    db = tmp_path / "bank.duckdb"
    published = tmp_path / "analytics.duckdb"
    shutil.copy(built, db)
    # the simulated investigators read the cases the build published
    shutil.copy(analytics_path(), published)
    env = {"BANK_ANALYTICS_PATH": str(published)}
    (last_day,) = query(db, "select max(score_date) from intermediate.int_risk_score_log")[0]
    (last_training,) = query(
        db, "select max(trained_through) from intermediate.int_risk_model_versions"
    )[0]
    next_training = last_training + dt.timedelta(days=7)
    before_log, before_registry = _log(db), _registry(db)

    def night(days: int) -> None:
        seeded = run_seed("--db", str(db), "--append-days", str(days), env=env)
        assert seeded.returncode == 0, seeded.stderr
        built_ = run_dbt(db, tmp_path, "run", "--select", "+int_risk_score_log")
        assert built_.returncode == 0, built_.stdout[-3000:]

    # a nightly run before the next training day: one more day, no training
    night(1)
    assert last_day + dt.timedelta(days=1) < next_training
    after_log = _log(db)
    assert _registry(db) == before_registry
    assert set(before_log) <= set(after_log)
    new_days = {row[1] for row in set(after_log) - set(before_log)}
    assert new_days == {last_day + dt.timedelta(days=1)}

    # up to and including the next training day: a retrain, history kept
    night((next_training - last_day).days - 1)
    registry = _registry(db)
    assert set(before_registry) <= set(registry)
    assert {row[3] for row in set(registry) - set(before_registry)} == {next_training}
    final_log = _log(db)
    assert set(after_log) <= set(final_log)
    # the days up to the training day were scored by the earlier models
    con = duckdb.connect(str(db), read_only=True)
    try:
        (late,) = con.execute(
            "select count(*) from intermediate.int_risk_score_log as s "
            "inner join intermediate.int_risk_model_versions as m using (model_version) "
            "where m.trained_through >= s.score_date"
        ).fetchone()
        dispositions = con.execute(
            "select count(*) from intermediate.int_risk_label_events "
            "where label_source = 'disposition'"
        ).fetchone()[0]
    finally:
        con.close()
    assert late == 0
    # the simulated investigators' decisions on the published cases landed,
    # and the versions trained before them did not learn from them
    assert dispositions > 0
    rows = registry_label_counts(db)
    assert any(ever > by_then for _, _, by_then, ever in rows)
