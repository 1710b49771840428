"""The reference risk score per customer and day: what perfect, instant
labels would give (docs/risk-model.md). The same learner, parameters and
features as the bank's first candidate (var risk_model_candidates, trained
by bank_ops.risk_model.fit), so the only difference from the bank's model
is the labels: here the simulator's ground truth
(int_risk_customer_day_labels), every label at once. Trained on the
earliest risk_model_train_share of the distinct days and applied to every
day; training keeps every fraudulent customer-day and a fixed-seed sample
of at most risk_model_max_training_negatives others, reweighted
(bank_ops.risk_model.sample_training_rows). Deterministic: fixed seeds, one
training thread, rows sorted before training. The features are
int_risk_customer_daily_features (behaviour, the rules' alert counts, and
the largest transfer to a never-paid payee against the customer's own
baseline, which is what a victim's lone scam transfer shows)."""

import json

import numpy as np
import pyarrow as pa

from bank_ops import risk_model as rm


def model(dbt, session):
    dbt.config(materialized="table")
    train_share = float(dbt.config.get("risk_model_train_share"))
    max_negatives = int(dbt.config.get("risk_model_max_training_negatives"))
    features_all = json.loads(dbt.config.get("risk_model_features"))
    # the bank's first candidate's learner and parameters, on every feature
    first = json.loads(dbt.config.get("risk_model_candidates"))[0]
    candidate = rm.Candidate.parse(
        {"name": "reference", "params": first.get("params", {})}, features_all
    )

    features = dbt.ref("int_risk_customer_daily_features")
    labels = dbt.ref("int_risk_customer_day_labels")
    # nulls become 0 in SQL, so numpy receives plain (unmasked) arrays
    feature_list = rm.feature_select(features_all, "f")
    data = session.sql(
        f"""
        select f.customer_id, f.score_date, {feature_list},
               coalesce(l.is_fraud, false) as is_fraud
        from ({features.sql_query()}) as f
        left join ({labels.sql_query()}) as l
          on f.customer_id = l.customer_id and f.score_date = l.score_date
        order by f.score_date, f.customer_id
        """
    ).fetchnumpy()

    dates = np.asarray(data["score_date"])
    days = np.unique(dates)
    n_train_days = max(1, min(len(days) - 1, int(round(len(days) * train_share))))
    is_train = dates <= days[n_train_days - 1] if len(days) else np.zeros(0, dtype=bool)

    x = np.column_stack([np.asarray(data[c], dtype=np.float64) for c in features_all])
    y = np.asarray(data["is_fraud"], dtype=bool)
    chosen, weight = rm.sample_training_rows(np.flatnonzero(is_train), y, max_negatives)
    booster = rm.fit(candidate, x[chosen], y[chosen], weight)
    # nothing to learn from (no fraud, or only fraud, in training): 0
    score = rm.sigmoid(rm.raw_score(booster, x)) if booster is not None else np.zeros(len(y))

    return pa.table(
        {
            "customer_id": pa.array(np.asarray(data["customer_id"]), pa.int64()),
            "score_date": pa.array(dates).cast(pa.date32()),
            "risk_score": pa.array(np.clip(score, 0.0, 1.0), pa.float64()),
            "is_training_day": pa.array(is_train),
        }
    )
