-- Outcome rates of the risk score by sensitive slice (marts.fct_model_fairness):
-- gender, age band, province, with the disparity ratio, for the reference
-- score (held-out days) and the bank's champion. Reads marts only; bounded
-- by the slices.
select
    scored_by,
    dimension,
    slice,
    customer_day_count,
    flagged_count,
    flagged_share,
    fraud_count,
    fraud_rate,
    flag_precision,
    disparity_ratio,
    fraud_rate_ratio
from marts.fct_model_fairness
order by scored_by desc, dimension, slice
