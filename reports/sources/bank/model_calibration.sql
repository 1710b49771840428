-- Calibration of the risk score (marts.fct_model_calibration): per period
-- and score bin, mean score against observed fraud rate, and the period's
-- Brier score. Reads marts only; at most 20 rows.
select
    period,
    score_bin,
    bin_lower_score,
    bin_upper_score,
    customer_day_count,
    mean_score,
    fraud_rate,
    calibration_gap,
    period_brier_score,
    period_fraud_rate
from marts.fct_model_calibration
order by period, score_bin
