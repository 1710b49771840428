-- The daily risk score of the customers with a case
-- (marts.fct_customer_risk_scores): score, rank and the day's features that
-- drive it. Reads marts only; bounded by the customers with a case.
with case_customers as (
    select distinct customer_id from marts.fct_cases
)

select
    s.customer_id,
    s.customer_id::varchar                    as customer_key,
    s.score_date,
    s.risk_score,
    s.risk_rank,
    s.transaction_count,
    s.outgoing_amount::double     as outgoing_amount_vnd,
    s.new_device_share,
    s.new_payee_share,
    s.night_share,
    s.failed_auth_ratio,
    s.alert_count,
    s.typology_alert_count
from marts.fct_customer_risk_scores as s
inner join case_customers as cc
    on cc.customer_id = s.customer_id
order by s.customer_id, s.score_date
