-- Population stability index (PSI) of each day's risk scores against the
-- training days. Reads marts only.
select
    score_date,
    is_reference_day,
    case when is_reference_day then 'training (reference)' else 'held out' end as period,
    scored_customer_count,
    psi,
    is_drift_flagged
from marts.fct_score_drift
order by score_date
