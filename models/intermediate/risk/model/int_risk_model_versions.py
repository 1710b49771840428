"""The risk model registry, with the models themselves: one row per model
version trained (docs/risk-model.md). Append-only: a build trains only at
the training days of the calendar (var risk_model_min_history_days, then
every risk_model_retrain_days) that the registry does not hold yet, so a
nightly build between two training days trains nothing, and no build
rewrites an earlier version (full_refresh: false).

At each training day T every candidate (var risk_model_candidates) is
trained on the same days with the labels the bank knew by T
(int_risk_label_events: dispositions and complaints known by T; never the
simulator's ground truth), validated on the days after them, and stored as
LightGBM model text; the promotion rule picks the champion that scores
until the next training day. The functions are bank_ops.risk_model."""

import datetime as dt
import json

import numpy as np
import pyarrow as pa

from bank_ops import risk_model as rm

COLUMNS = [
    ("model_version", pa.string()),
    ("model_name", pa.string()),
    ("algorithm", pa.string()),
    ("trained_through", pa.date32()),
    ("train_start_date", pa.date32()),
    ("train_end_date", pa.date32()),
    ("validation_start_date", pa.date32()),
    ("validation_end_date", pa.date32()),
    ("feature_list", pa.string()),
    ("parameters", pa.string()),
    ("known_label_count", pa.int64()),
    ("train_row_count", pa.int64()),
    ("train_positive_count", pa.int64()),
    ("train_auc", pa.float64()),
    ("train_average_precision", pa.float64()),
    ("validation_row_count", pa.int64()),
    ("validation_positive_count", pa.int64()),
    ("validation_auc", pa.float64()),
    ("validation_average_precision", pa.float64()),
    ("is_champion", pa.bool_()),
    ("promotion_reason", pa.string()),
    ("artifact", pa.string()),
    ("artifact_sha256", pa.string()),
]


def as_date(value) -> dt.date:
    return np.datetime64(value, "D").astype(dt.date)


def model(dbt, session):
    dbt.config(materialized="incremental", incremental_strategy="append", full_refresh=False)
    features_all = json.loads(dbt.config.get("risk_model_features"))
    candidates = [
        rm.Candidate.parse(entry, features_all)
        for entry in json.loads(dbt.config.get("risk_model_candidates"))
    ]
    # dbt reads config names as literals: one call each
    setting = {
        "risk_model_min_history_days": dbt.config.get("risk_model_min_history_days"),
        "risk_model_retrain_days": dbt.config.get("risk_model_retrain_days"),
        "risk_model_label_gap_days": dbt.config.get("risk_model_label_gap_days"),
        "risk_model_validation_days": dbt.config.get("risk_model_validation_days"),
        "risk_model_train_window_days": dbt.config.get("risk_model_train_window_days"),
        "risk_model_max_training_negatives": dbt.config.get("risk_model_max_training_negatives"),
    }
    setting = {name: int(value) for name, value in setting.items()}
    margin = float(dbt.config.get("risk_model_promotion_margin"))

    features = dbt.ref("int_risk_customer_daily_features")
    first, last = session.sql(
        f"select min(score_date), max(score_date) from ({features.sql_query()})"
    ).fetchone()
    done, champion_name = set(), candidates[0].name
    if dbt.is_incremental:
        for trained_through, name, is_champion in session.sql(
            f"select trained_through, model_name, is_champion from {dbt.this} "
            "order by trained_through, model_name"
        ).fetchall():
            done.add(trained_through)
            if is_champion:
                champion_name = name
    calendar = (
        rm.training_dates(
            first, last, setting["risk_model_min_history_days"], setting["risk_model_retrain_days"]
        )
        if first is not None
        else []
    )
    todo = [day for day in calendar if day not in done]
    rows = {name: [] for name, _ in COLUMNS}
    if todo:
        # nulls become 0 in SQL, so numpy receives plain (unmasked) arrays
        columns = rm.feature_select(features_all)
        data = session.sql(
            f"select customer_id, score_date, {columns} "
            f"from ({features.sql_query()}) where score_date <= date '{max(todo)}' "
            "order by score_date, customer_id"
        ).fetchnumpy()
        labels = session.sql(
            "select customer_id, score_date, known_date "
            f"from ({dbt.ref('int_risk_label_events').sql_query()}) where is_fraud "
            "order by known_date, customer_id, score_date"
        ).fetchnumpy()
        customers = np.asarray(data["customer_id"])
        days = np.asarray(data["score_date"]).astype("datetime64[D]")
        label_days = np.asarray(labels["score_date"]).astype("datetime64[D]")
        label_known = np.asarray(labels["known_date"]).astype("datetime64[D]")
        label_customers = np.asarray(labels["customer_id"])
        matrix = {c: np.asarray(data[c], dtype=np.float64) for c in features_all}
        # each candidate's matrix once, for every training day
        inputs = {
            candidate.name: np.column_stack([matrix[c] for c in candidate.features])
            for candidate in candidates
        }
        del data, matrix

    # what each training day learns from: its window and the labels known by it
    contexts = []
    for trained_through in todo:
        window = rm.training_window(
            trained_through,
            first,
            setting["risk_model_label_gap_days"],
            setting["risk_model_train_window_days"],
            setting["risk_model_validation_days"],
        )
        as_of = np.datetime64(trained_through, "D")
        y = rm.known_positive(customers, days, label_customers, label_days, label_known, as_of)
        in_train = np.flatnonzero(
            (days >= np.datetime64(window.train_start)) & (days <= np.datetime64(window.train_end))
        )
        chosen, weight = rm.sample_training_rows(
            in_train, y, setting["risk_model_max_training_negatives"]
        )
        contexts.append(
            {
                "window": window,
                "y": y,
                "known_count": int((label_known <= as_of).sum()),
                "in_train": in_train,
                "in_validation": (days >= np.datetime64(window.validation_start))
                & (days <= np.datetime64(window.validation_end)),
                "chosen": chosen,
                "weight": weight,
            }
        )
    # every (training day, candidate) model is independent of the others:
    # they train side by side, one thread each (rm.in_parallel)
    results = rm.in_parallel(
        lambda context, candidate: train(candidate, inputs[candidate.name], context),
        [(context, candidate) for context in contexts for candidate in candidates],
    )

    for position, context in enumerate(contexts):
        window, y = context["window"], context["y"]
        in_train, in_validation = context["in_train"], context["in_validation"]
        known_count = context["known_count"]
        trained = results[position * len(candidates) : (position + 1) * len(candidates)]
        name, reason = rm.choose_champion(
            champion_name,
            [(t["candidate"].name, t["artifact"] is not None, t["validation_ap"]) for t in trained],
            margin,
        )
        champion = next((t for t in trained if t["candidate"].name == name), None)
        champion_name = name or champion_name
        for t in trained:
            candidate = t["candidate"]
            is_champion = t is champion
            values = {
                "model_version": t["model_version"],
                "model_name": candidate.name,
                "algorithm": rm.ALGORITHM,
                "trained_through": window.trained_through,
                "train_start_date": window.train_start,
                "train_end_date": window.train_end,
                "validation_start_date": window.validation_start,
                "validation_end_date": window.validation_end,
                "feature_list": json.dumps(list(candidate.features)),
                "parameters": json.dumps({**candidate.params, **rm.FIXED_PARAMS}, sort_keys=True),
                "known_label_count": known_count,
                "train_row_count": len(in_train),
                "train_positive_count": int(y[in_train].sum()),
                "train_auc": t["train_auc"],
                "train_average_precision": t["train_ap"],
                "validation_row_count": int(in_validation.sum()),
                "validation_positive_count": int(y[in_validation].sum()),
                "validation_auc": t["validation_auc"],
                "validation_average_precision": t["validation_ap"],
                "is_champion": is_champion,
                # on the champion's row (the first one's when none trained)
                "promotion_reason": reason if t is (champion or trained[0]) else None,
                "artifact": t["artifact"],
                "artifact_sha256": rm.artifact_hash(t["artifact"]) if t["artifact"] else None,
            }
            for name, value in values.items():
                rows[name].append(value)

    return pa.table({name: pa.array(rows[name], type=kind) for name, kind in COLUMNS})


def train(candidate, x, context) -> dict:
    """One candidate trained on one training day's rows, with its version id
    and its training and validation metrics."""
    y, window = context["y"], context["window"]
    chosen, weight, in_validation = context["chosen"], context["weight"], context["in_validation"]
    booster = rm.fit(candidate, x[chosen], y[chosen], weight)
    # training metrics on the rows trained on, weighted as trained (every
    # positive, the sampled negatives standing for all)
    if booster is not None:
        train_scores = rm.raw_score(booster, x[chosen])
        validation_scores = rm.raw_score(booster, x[in_validation])
    else:
        train_scores = np.zeros(len(chosen))
        validation_scores = np.zeros(int(in_validation.sum()))
    return {
        "candidate": candidate,
        "model_version": rm.version_id(candidate, window, x[chosen], y[chosen], weight),
        "artifact": rm.artifact_text(booster) if booster is not None else None,
        "train_auc": rm.auc(train_scores, y[chosen], weight),
        "train_ap": rm.average_precision(train_scores, y[chosen], weight),
        "validation_auc": rm.auc(validation_scores, y[in_validation]),
        "validation_ap": rm.average_precision(validation_scores, y[in_validation]),
    }
