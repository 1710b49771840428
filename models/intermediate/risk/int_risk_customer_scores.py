"""Risk score per customer and day: a gradient-boosting model trained on
the earlier days (risk_model_train_share of the distinct days) and applied
to every day. Deterministic: fixed random_state, no early stopping, rows
sorted before training. Labels (int_risk_customer_day_labels) are only the
training target; the features are int_risk_customer_daily_features."""

import numpy as np
import pyarrow as pa
from sklearn.ensemble import HistGradientBoostingClassifier

FEATURES = [
    "transaction_count",
    "outgoing_amount",
    "max_window_transaction_count",
    "new_device_share",
    "new_payee_share",
    "amount_deviation",
    "night_share",
    "failed_auth_ratio",
    "incoming_sender_count",
    "alert_count",
    "typology_alert_count",
]


def model(dbt, session):
    dbt.config(materialized="table")
    train_share = float(dbt.config.get("risk_model_train_share") or 0.6)

    features = dbt.ref("int_risk_customer_daily_features")
    labels = dbt.ref("int_risk_customer_day_labels")
    feature_list = ", ".join(f"cast(f.{c} as double) as {c}" for c in FEATURES)
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
    cutoff = days[n_train_days - 1]
    is_train = dates <= cutoff

    x = np.column_stack([np.nan_to_num(np.asarray(data[c], dtype=float)) for c in FEATURES])
    y = np.asarray(data["is_fraud"], dtype=bool)

    if y[is_train].any() and not y[is_train].all():
        classifier = HistGradientBoostingClassifier(
            max_iter=200,
            learning_rate=0.1,
            max_leaf_nodes=15,
            l2_regularization=1.0,
            early_stopping=False,
            random_state=0,
        )
        classifier.fit(x[is_train], y[is_train])
        score = classifier.predict_proba(x)[:, 1]
    else:  # nothing to learn from (no fraud, or only fraud, in training)
        score = np.zeros(len(y))

    return pa.table(
        {
            "customer_id": pa.array(np.asarray(data["customer_id"]), pa.int64()),
            "score_date": pa.array(dates).cast(pa.date32()),
            "risk_score": pa.array(np.clip(score, 0.0, 1.0), pa.float64()),
            "is_training_day": pa.array(is_train),
        }
    )
