"""The risk score's fast prediction equals scikit-learn's predict_proba."""

from __future__ import annotations

import importlib.util

import numpy as np
from conftest import REPO
from sklearn.ensemble import HistGradientBoostingClassifier

MODEL = REPO / "models" / "intermediate" / "risk" / "scoring" / "int_risk_customer_scores.py"


def load_model_module():
    spec = importlib.util.spec_from_file_location("int_risk_customer_scores", MODEL)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def fitted(x, y):
    return HistGradientBoostingClassifier(
        max_iter=40, max_leaf_nodes=15, early_stopping=False, random_state=0
    ).fit(x, y)


def test_binned_prediction_equals_predict_proba():
    scores = load_model_module()
    rng = np.random.default_rng(7)
    x = rng.normal(size=(5_000, 6))
    y = x[:, 0] + 0.5 * x[:, 1] ** 2 + rng.normal(scale=0.5, size=5_000) > 1.5
    classifier = fitted(x, y)
    # rows beyond the training range and exact ties at the bin thresholds
    unseen = np.vstack([rng.normal(scale=3.0, size=(2_000, 6)), x[:500].round(1)])
    for rows in (x, unseen):
        expected = classifier.predict_proba(rows)[:, 1]
        assert np.array_equal(scores.fraud_probability(classifier, rows), expected)


def test_falls_back_to_predict_proba_without_fitted_bins():
    scores = load_model_module()

    class Plain:
        def predict_proba(self, rows):
            return np.column_stack([1 - rows[:, 0], rows[:, 0]])

    rows = np.array([[0.25], [0.75]])
    assert np.array_equal(scores.fraud_probability(Plain(), rows), np.array([0.25, 0.75]))
