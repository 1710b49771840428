"""The risk score log: what the bank's risk models said about each customer
on each day, and why (docs/risk-model.md). One row per customer, day with
activity and model version that served that day: the champion of the
latest training before the day, and the challengers trained with it
(scored in the shadow, is_champion false). Append-only: a build scores only
the days after the last one logged (full_refresh: false), with the stored
models of the registry (int_risk_model_versions), so neither a nightly
build nor a retrain rewrites a past day.

Reasons, on every champion score: LightGBM's exact tree-SHAP
contributions (pred_contrib) of every feature to the raw score (log-odds);
the three that raise it most are the reason codes, the rest is summed in
other_contribution, so base_value + the three + other_contribution =
raw_score, and score = 1 / (1 + e^-raw). A challenger's shadow scores
carry none (nobody acts on them; tree SHAP costs far more than a score)."""

import json

import numpy as np
import pyarrow as pa

from bank_ops import risk_model as rm

K = rm.REASON_COUNT
# the explanation of a score: null on a challenger's (shadow) rows
REASON_COLUMNS = [
    "base_value",
    *[
        f"reason_{k}_{part}"
        for k in range(1, K + 1)
        for part in ("feature", "value", "contribution")
    ],
    "other_contribution",
]
SCHEMA = pa.schema(
    [
        ("customer_id", pa.int64()),
        ("score_date", pa.date32()),
        ("model_version", pa.string()),
        ("model_name", pa.string()),
        ("is_champion", pa.bool_()),
        ("score", pa.float64()),
        ("raw_score", pa.float64()),
        *[(c, pa.string() if c.endswith("_feature") else pa.float64()) for c in REASON_COLUMNS],
    ]
)
# customer-days scored at a time (a slice's contributions: ~30 MB)
CHUNK_ROWS = 250_000


def model(dbt, session):
    dbt.config(materialized="incremental", incremental_strategy="append", full_refresh=False)
    registry = dbt.ref("int_risk_model_versions")
    features = dbt.ref("int_risk_customer_daily_features")
    versions = session.sql(
        "select trained_through, model_version, model_name, feature_list, is_champion, artifact "
        f"from ({registry.sql_query()}) where artifact is not null "
        "order by trained_through, is_champion desc, model_name"
    ).fetchall()
    after = None
    if dbt.is_incremental:
        (after,) = session.sql(f"select max(score_date) from {dbt.this}").fetchone()

    # who serves which days: a training day's models serve the days after it
    # up to the next training day; a training day without a champion (none
    # could train) keeps the previous champion
    trainings = sorted({v[0] for v in versions})
    served, champion = [], None
    for position, trained_through in enumerate(trainings):
        these = [v for v in versions if v[0] == trained_through]
        champion = next((v for v in these if v[4]), champion)
        until = trainings[position + 1] if position + 1 < len(trainings) else None
        models = ([champion] if champion else []) + [v for v in these if not v[4]]
        served.append((trained_through, until, models))

    batches = []
    for trained_through, until, models in served:
        start = max(trained_through, after) if after is not None else trained_through
        if until is not None and until <= start:
            continue
        bound = f"and score_date <= date '{until}'" if until is not None else ""
        all_features = sorted({f for v in models for f in json.loads(v[3])})
        data = session.sql(
            f"select customer_id, score_date, {rm.feature_select(all_features)} "
            f"from ({features.sql_query()}) "
            f"where score_date > date '{start}' {bound} order by score_date, customer_id"
        ).fetchnumpy()
        n = len(data["customer_id"])
        champion_of_period = champion_version(models)
        for _, version, name, feature_json, _, artifact in models:
            names = json.loads(feature_json)
            booster = rm.load(artifact)
            # in slices of CHUNK_ROWS rows, each straight into Arrow: the
            # working arrays (tree-SHAP contributions above all) stay small
            # however many days a build scores
            for low in range(0, n, CHUNK_ROWS):
                part = slice(low, min(low + CHUNK_ROWS, n))
                x = np.column_stack([np.asarray(data[c][part], dtype=np.float64) for c in names])
                batches.append(
                    score_batch(
                        np.asarray(data["customer_id"][part]),
                        np.asarray(data["score_date"][part]).astype("datetime64[D]"),
                        x,
                        names,
                        (version, name, version == champion_of_period),
                        booster,
                    )
                )
        del data
    return pa.Table.from_batches(batches, schema=SCHEMA)


def score_batch(customers, days, x, names, served_by, booster) -> pa.RecordBatch:
    """The log rows of one slice of customer-days scored by one model:
    ``served_by`` is (model_version, model_name, is_champion). A challenger
    scores in the shadow: nobody acts on it, so no reasons (tree SHAP would
    cost far more than the score)."""
    version, name, is_champion = served_by
    n = len(customers)
    columns = {
        "customer_id": pa.array(customers, type=pa.int64()),
        "score_date": pa.array(days, type=pa.date32()),
        "model_version": pa.array(np.full(n, version, dtype=object), type=pa.string()),
        "model_name": pa.array(np.full(n, name, dtype=object), type=pa.string()),
        "is_champion": pa.array(np.full(n, is_champion), type=pa.bool_()),
    }
    if not is_champion:
        raw = rm.raw_score(booster, x)
        columns["score"] = pa.array(rm.sigmoid(raw), type=pa.float64())
        columns["raw_score"] = pa.array(raw, type=pa.float64())
        for column in REASON_COLUMNS:
            columns[column] = pa.nulls(n, type=SCHEMA.field(column).type)
        return pa.RecordBatch.from_pydict(columns, schema=SCHEMA)
    raw, contributions = rm.explain(booster, x)
    top = rm.top_reasons(contributions)
    rows = np.arange(n)
    top_contribution = contributions[rows[:, None], top]
    columns["score"] = pa.array(rm.sigmoid(raw), type=pa.float64())
    columns["raw_score"] = pa.array(raw, type=pa.float64())
    columns["base_value"] = pa.array(contributions[:, -1], type=pa.float64())
    for k in range(K):
        columns[f"reason_{k + 1}_feature"] = pa.array(
            np.asarray(names, dtype=object)[top[:, k]], type=pa.string()
        )
        columns[f"reason_{k + 1}_value"] = pa.array(x[rows, top[:, k]], type=pa.float64())
        columns[f"reason_{k + 1}_contribution"] = pa.array(
            top_contribution[:, k], type=pa.float64()
        )
    columns["other_contribution"] = pa.array(
        contributions[:, :-1].sum(axis=1) - top_contribution.sum(axis=1), type=pa.float64()
    )
    return pa.RecordBatch.from_pydict(columns, schema=SCHEMA)


def champion_version(models):
    """The version of the champion among a serving period's models (first if any)."""
    return next((v[1] for v in models if v[4]), None)
