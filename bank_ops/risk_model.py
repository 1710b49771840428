"""The risk model's life cycle, as the bank would run it (docs/risk-model.md).

Used by the dbt Python models ``int_risk_model_versions`` (training and the
registry) and ``int_risk_score_log`` (scoring with reasons), and tested on
its own by ``tests/python/test_risk_model.py``. Everything here is a plain
function of arrays: no database, no clock.

- **What the bank knows.** A model trained through day T learns only from
  labels known by T: investigators' dispositions and customers' complaints,
  each from the day it was decided or reported (``known_positive``). Days
  closer to T than ``label_gap_days`` are left out of training: their
  dispositions are still being decided.
- **Versions.** ``model_version`` is a content hash of the training window,
  the features, the parameters and the training data itself, so identical
  inputs give the identical id (``version_id``).
- **Reasons.** LightGBM's ``pred_contrib`` gives the exact tree-SHAP
  contribution of every feature to the raw score (log-odds); with the base
  value they add up to it (``explain``). The three largest are the reason
  codes. Tree SHAP costs about trees x leaves x depth^2 a row, so the
  candidates are shallow, only the champion's scores carry reasons, and
  ``explain`` runs it once per tree and decision pattern, not per row.
- **Determinism.** One thread for training, fixed seeds, no bagging or
  feature sampling: the same inputs give the same trees, byte for byte.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
from dataclasses import dataclass

import numpy as np

# training settings every candidate shares; a candidate's own parameters
# (var risk_model_candidates) may not override them
FIXED_PARAMS = {
    "objective": "binary",
    "deterministic": True,
    "force_col_wise": True,
    "num_threads": 1,
    "seed": 0,
    "verbosity": -1,
}
ALGORITHM = "lightgbm"
REASON_COUNT = 3


class ModelSpecError(ValueError):
    """A candidate in var risk_model_candidates cannot be trained as given."""


@dataclass(frozen=True)
class Candidate:
    """One entry of var risk_model_candidates: a name, features, parameters."""

    name: str
    features: tuple[str, ...]
    params: dict

    @classmethod
    def parse(cls, entry: dict, available: list[str]) -> Candidate:
        name = entry.get("name")
        if not name:
            raise ModelSpecError(f"a risk model candidate has no name: {entry!r}")
        features = tuple(entry.get("features") or available)
        unknown = [f for f in features if f not in available]
        if unknown:
            raise ModelSpecError(
                f"risk model candidate {name!r} uses unknown features {unknown} "
                f"(var risk_model_features lists {available})"
            )
        params = dict(entry.get("params") or {})
        fixed = sorted(set(params) & set(FIXED_PARAMS))
        if fixed:
            raise ModelSpecError(
                f"risk model candidate {name!r} sets {fixed}, which are fixed for "
                f"determinism ({FIXED_PARAMS})"
            )
        return cls(name, features, params)


@dataclass(frozen=True)
class Window:
    """The days one training at ``trained_through`` uses (inclusive bounds)."""

    trained_through: dt.date
    train_start: dt.date
    train_end: dt.date
    validation_start: dt.date
    validation_end: dt.date


def training_dates(
    first_day: dt.date, last_day: dt.date, min_history_days: int, retrain_days: int
) -> list[dt.date]:
    """The retraining calendar: the first training once ``min_history_days``
    days exist, then every ``retrain_days`` days, up to ``last_day``."""
    if min_history_days < 1 or retrain_days < 1:
        raise ModelSpecError(
            f"risk_model_min_history_days ({min_history_days}) and risk_model_retrain_days "
            f"({retrain_days}) must be at least 1"
        )
    dates = []
    day = first_day + dt.timedelta(days=min_history_days - 1)
    while day <= last_day:
        dates.append(day)
        day += dt.timedelta(days=retrain_days)
    return dates


def training_window(
    trained_through: dt.date,
    first_day: dt.date,
    label_gap_days: int,
    window_days: int,
    validation_days: int,
) -> Window:
    """Training and validation days for a model trained through a day.

    The last ``label_gap_days`` days before it are left out (their labels
    are not in yet); the ``validation_days`` before those validate; up to
    ``window_days`` before those train.
    """
    validation_end = trained_through - dt.timedelta(days=label_gap_days)
    validation_start = validation_end - dt.timedelta(days=validation_days - 1)
    train_end = validation_start - dt.timedelta(days=1)
    train_start = max(first_day, train_end - dt.timedelta(days=window_days - 1))
    return Window(trained_through, train_start, train_end, validation_start, validation_end)


def known_positive(
    row_customers: np.ndarray,
    row_days: np.ndarray,
    label_customers: np.ndarray,
    label_days: np.ndarray,
    label_known: np.ndarray,
    as_of: np.datetime64,
) -> np.ndarray:
    """For each (customer, day) row: is it a known fraud as of ``as_of``?

    The label events are positive customer-days with the day each became
    known (a confirmed disposition's decided day, a complaint's reported
    day). Only events known on or before ``as_of`` count: no label from
    after the training date reaches training.
    """
    known = label_known <= as_of
    keys = _pair_keys(label_customers[known], label_days[known])
    return np.isin(_pair_keys(row_customers, row_days), keys)


def _pair_keys(customers: np.ndarray, days: np.ndarray) -> np.ndarray:
    day_numbers = days.astype("datetime64[D]").astype(np.int64)
    return customers.astype(np.int64) * 100_000 + day_numbers


def sample_training_rows(
    rows: np.ndarray, y: np.ndarray, max_negatives: int
) -> tuple[np.ndarray, np.ndarray]:
    """Every positive row and a fixed-seed sample of at most ``max_negatives``
    negatives, reweighted so the probabilities stay calibrated."""
    weight = np.ones(len(rows))
    negatives = rows[~y[rows]]
    if negatives.size <= max_negatives:
        return rows, weight
    kept = np.random.default_rng(0).choice(negatives, max_negatives, replace=False)
    chosen = np.sort(np.concatenate([rows[y[rows]], kept]))
    weight = np.where(y[chosen], 1.0, negatives.size / max_negatives)
    return chosen, weight


def feature_select(features, relation: str | None = None) -> str:
    """The SQL select list of ``features`` as doubles, a null as 0 (LightGBM
    gets plain arrays, and 0 is what a quiet day has), each under its own
    name; ``relation`` qualifies the columns (``f.amount_sum as amount_sum``)."""
    prefix = f"{relation}." if relation else ""
    return ", ".join(f"coalesce(cast({prefix}{c} as double), 0) as {c}" for c in features)


def in_parallel(work, tasks: list, workers: int | None = None) -> list:
    """``[work(*task) for task in tasks]``, the tasks run on up to ``workers``
    threads (default: the cores this process may use), results in the tasks'
    order. For training: LightGBM releases the GIL and each model trains on
    one thread of its own, so the result is the same as one after another."""
    from concurrent.futures import ThreadPoolExecutor

    workers = max(1, min(len(tasks), workers or _threads()))
    if workers == 1:
        return [work(*task) for task in tasks]
    with ThreadPoolExecutor(max_workers=workers) as pool:
        return list(pool.map(lambda task: work(*task), tasks))


def version_id(candidate: Candidate, window: Window, x, y, weight) -> str:
    """Content hash of the window, features, parameters and training data."""
    digest = hashlib.sha256()
    digest.update(
        json.dumps(
            {
                "algorithm": ALGORITHM,
                "name": candidate.name,
                "features": list(candidate.features),
                "params": {**candidate.params, **FIXED_PARAMS},
                "train": [window.train_start.isoformat(), window.train_end.isoformat()],
                "validation": [
                    window.validation_start.isoformat(),
                    window.validation_end.isoformat(),
                ],
            },
            sort_keys=True,
        ).encode()
    )
    for array in (x, y, weight):
        digest.update(np.ascontiguousarray(array, dtype=np.float64).tobytes())
    return digest.hexdigest()[:16]


def fit(candidate: Candidate, x: np.ndarray, y: np.ndarray, weight: np.ndarray):
    """A LightGBM booster trained on the rows given, or None when they hold
    no positive or no negative (nothing to learn)."""
    import lightgbm as lgb

    if not y.any() or y.all():
        return None
    params = {**candidate.params, **FIXED_PARAMS}
    rounds = int(params.pop("num_boost_round", 100))
    data = lgb.Dataset(
        x, label=y.astype(np.float64), weight=weight, feature_name=list(candidate.features)
    )
    return lgb.train(params, data, num_boost_round=rounds)


def load(artifact: str):
    """A booster from its stored text (the registry's artifact)."""
    import lightgbm as lgb

    return lgb.Booster(model_str=artifact)


def artifact_text(booster) -> str:
    return booster.model_to_string()


def artifact_hash(artifact: str) -> str:
    return hashlib.sha256(artifact.encode()).hexdigest()


def _threads() -> int:
    """Scoring may use every core: each row is computed on its own, so the
    result does not depend on the threads (training stays on one)."""
    return len(os.sched_getaffinity(0))


def explain(booster, x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(raw scores, contributions): contributions has one column per feature
    and the base value last; each row adds up to its raw score (log-odds).

    The numbers are LightGBM's own exact tree SHAP (``pred_contrib``), tree
    by tree on one row per *decision pattern* (``_decision_patterns``) and
    spread to every row with that pattern, which is exact: path-dependent
    tree SHAP reads a row only through the side it takes at each split. A
    depth-3 tree has at most 2^7 patterns, so the L tier's millions of rows
    cost a few hundred small calls instead of a full tree-SHAP pass per row
    (five to ten times faster). A model this cannot read (categorical splits,
    deep trees), or rows whose contributions do not add up to LightGBM's
    own raw score, get ``pred_contrib`` on every row."""
    x = np.ascontiguousarray(x, dtype=np.float64)
    raw = raw_score(booster, x)
    trees = _numeric_trees(booster)
    if trees is not None and len(x):
        contributions = _explain_by_pattern(booster, x, trees)
        if np.allclose(contributions.sum(axis=1), raw, rtol=0.0, atol=1e-9):
            return raw, contributions
    contributions = booster.predict(x, pred_contrib=True, num_threads=_threads())
    return contributions.sum(axis=1), contributions


# a tree with more splits than this is explained row by row (a pattern is
# one bit per split; 16 covers depth 4, and its table stays a few MB)
MAX_PATTERN_BITS = 16


def _numeric_trees(booster) -> list[list[dict]] | None:
    """Each tree's splits (feature, threshold, missing handling, in a fixed
    order), or None when a split is not a plain numerical one."""
    trees = []
    for info in booster.dump_model()["tree_info"]:
        splits, pending = [], [info["tree_structure"]]
        while pending:
            node = pending.pop()
            if "split_index" not in node:
                continue
            if node.get("decision_type") != "<=":
                return None
            splits.append(node)
            pending.extend((node["left_child"], node["right_child"]))
        if len(splits) > MAX_PATTERN_BITS:
            return None
        trees.append(splits)
    return trees


def _goes_left(column: np.ndarray, split: dict) -> np.ndarray:
    """LightGBM's numerical decision for every row (its Tree::NumericalDecision)."""
    missing = split.get("missing_type", "None")
    is_nan = np.isnan(column)
    if not is_nan.any() and missing != "Zero":
        return column <= split["threshold"]
    value = np.where(is_nan & (missing != "NaN"), 0.0, column)
    left = value <= split["threshold"]
    if missing == "NaN":
        return np.where(is_nan, split["default_left"], left)
    if missing == "Zero":
        return np.where(np.abs(value) <= 1e-35, split["default_left"], left)
    return left


def _decision_patterns(columns: list[np.ndarray], splits: list[dict]) -> np.ndarray:
    """One integer per row: bit j set when the row goes left at split j."""
    codes = np.zeros(len(columns[0]), dtype=np.int64)
    for bit, split in enumerate(splits):
        codes |= _goes_left(columns[split["split_feature"]], split).astype(np.int64) << bit
    return codes


def _explain_by_pattern(booster, x: np.ndarray, trees: list[list[dict]]) -> np.ndarray:
    columns = x.shape[1] + 1  # the features, then the base value
    # one row per column, so each tree's addition runs over contiguous memory
    total = np.zeros((columns, len(x)))
    representative = np.empty(2**MAX_PATTERN_BITS, dtype=np.int64)
    everyone = np.arange(len(x))
    features = [np.ascontiguousarray(x[:, f]) for f in range(x.shape[1])]
    for number, splits in enumerate(trees):
        codes = _decision_patterns(features, splits)
        # any row of a pattern stands for all of them (the same decisions
        # give the same contributions), so which one is kept does not matter
        representative[codes] = everyone
        present = np.flatnonzero(np.bincount(codes, minlength=2 ** len(splits)))
        table = np.zeros((2 ** len(splits), columns))
        table[present] = booster.predict(
            x[representative[present]],
            pred_contrib=True,
            start_iteration=number,
            num_iteration=1,
            num_threads=1,
        )
        for column in np.flatnonzero(table.any(axis=0)):
            total[column] += table[codes, column]
    return total.T


def raw_score(booster, x: np.ndarray) -> np.ndarray:
    """The raw scores (log-odds) alone: the trees walked once, no reasons."""
    return booster.predict(x, raw_score=True, num_threads=_threads())


def sigmoid(raw: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-raw))


def top_reasons(contributions: np.ndarray, k: int = REASON_COUNT) -> np.ndarray:
    """Indices of the k features that raise each row's score most (largest
    contribution first; ties by feature order). Shape (rows, k)."""
    per_feature = contributions[:, :-1]
    order = np.argsort(-per_feature, axis=1, kind="stable")
    return order[:, :k]


def auc(scores: np.ndarray, y: np.ndarray, weight: np.ndarray | None = None) -> float | None:
    """Area under the ROC curve (Mann-Whitney: the weighted share of
    (fraud, other) pairs the score orders right, a tie counting half).
    ``weight``: each row's weight (a row of weight 2 counts as two)."""
    weight = np.ones(len(scores)) if weight is None else np.asarray(weight, dtype=np.float64)
    positive_weight, negative_weight = weight[y].sum(), weight[~y].sum()
    if not y.any() or y.all():
        return None
    _, group = np.unique(scores, return_inverse=True)
    positives = np.bincount(group, weights=np.where(y, weight, 0.0))
    negatives = np.bincount(group, weights=np.where(y, 0.0, weight))
    below = np.cumsum(negatives) - negatives
    pairs = (positives * (below + negatives / 2.0)).sum()
    return float(pairs / (positive_weight * negative_weight))


def average_precision(
    scores: np.ndarray, y: np.ndarray, weight: np.ndarray | None = None
) -> float | None:
    """Mean precision at each positive, scores descending (ties in row
    order), each positive and each row counted with its ``weight``."""
    if not y.any():
        return None
    weight = np.ones(len(scores)) if weight is None else np.asarray(weight, dtype=np.float64)
    order = np.argsort(-scores, kind="stable")
    hits, ordered = y[order], weight[order]
    precision = np.cumsum(np.where(hits, ordered, 0.0)) / np.cumsum(ordered)
    return float((precision * ordered)[hits].sum() / ordered[hits].sum())


def promote(
    champion_ap: float | None, challenger_ap: float | None, margin: float
) -> tuple[bool, str]:
    """The promotion rule: the challenger replaces the champion when its
    average precision on the validation days (known labels) beats the
    champion's by at least ``margin``."""
    if challenger_ap is None and champion_ap is None:
        return False, "no known fraud in the validation days: nothing to compare"
    if challenger_ap is None:
        return False, "challenger has no validation positives"
    if champion_ap is None:
        return True, "champion has no validation positives; challenger has"
    if challenger_ap >= champion_ap + margin:
        return True, (
            f"challenger validation AP {challenger_ap:.4f} >= champion "
            f"{champion_ap:.4f} + margin {margin}"
        )
    return False, (
        f"challenger validation AP {challenger_ap:.4f} < champion "
        f"{champion_ap:.4f} + margin {margin}"
    )


def choose_champion(
    incumbent: str, candidates: list[tuple[str, bool, float | None]], margin: float
) -> tuple[str | None, str]:
    """The promotion rule at a training day.

    ``candidates``: (name, trained, validation average precision) of every
    candidate trained that day; ``incumbent``: the champion's candidate
    (the first candidate if no longer among them). The best challenger
    that trained replaces the incumbent when ``promote`` says so, or when
    the incumbent could not train. Returns the champion's name (None when
    nothing trained) and the reason recorded in the registry.
    """
    names = [name for name, _, _ in candidates]
    if incumbent not in names:
        incumbent = names[0]
    trained = {name: (ok, ap) for name, ok, ap in candidates}
    challengers = [(ap, name) for name, ok, ap in candidates if ok and name != incumbent]
    best = max(challengers, key=lambda c: -1.0 if c[0] is None else c[0], default=None)
    incumbent_ok, incumbent_ap = trained[incumbent]
    if best is None:
        if incumbent_ok:
            return incumbent, "the champion's candidate, retrained (no challenger could train)"
        return None, "no model: no known fraud among its training days"
    if not incumbent_ok:
        return best[1], "promoted: the champion's candidate could not train"
    promoted, why = promote(incumbent_ap, best[0], margin)
    return (best[1], f"promoted: {why}") if promoted else (incumbent, f"kept: {why}")
