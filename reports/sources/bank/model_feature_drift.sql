-- Drift of each model input per day (marts.fct_model_feature_drift): PSI
-- against the training days. Reads marts only; features x days.
select
    feature_name,
    score_date,
    is_training_day,
    customer_day_count,
    psi,
    is_drift_flagged
from marts.fct_model_feature_drift
order by feature_name, score_date
