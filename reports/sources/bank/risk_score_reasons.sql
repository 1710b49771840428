-- The champion's highest scores of each day with their three reason codes
-- (marts.fct_risk_score_log): the day's 20 highest. Reads marts only;
-- bounded to 20 rows a day.
select
    s.score_date,
    s.customer_id,
    s.model_version,
    s.score,
    s.reason_1_feature,
    s.reason_1_value,
    s.reason_1_contribution,
    s.reason_2_feature,
    s.reason_2_value,
    s.reason_2_contribution,
    s.reason_3_feature,
    s.reason_3_value,
    s.reason_3_contribution
from marts.fct_risk_score_log as s
where s.is_champion
qualify row_number() over (
    partition by s.score_date order by s.score desc, s.customer_id
) <= 20
order by s.score_date, s.score desc, s.customer_id
