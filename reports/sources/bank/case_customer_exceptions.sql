-- The compliance exceptions of the customers with a case
-- (marts.fct_compliance_exceptions), one row each: rule, account or device
-- by internal key, open or closed, days flagged and the evidence. Reads
-- marts only; bounded by the customers with a case.
with case_customers as (
    select distinct customer_id from marts.fct_cases
)

select
    e.exception_id,
    e.customer_id,
    e.customer_id::varchar                    as customer_key,
    e.rule_id,
    e.rule_name,
    e.severity,
    e.entity_type,
    e.entity_id,
    e.status,
    e.opened_date,
    e.last_flagged_date,
    e.closed_date,
    e.flagged_days,
    e.alert_count,
    e.transaction_count,
    e.amount_vnd::double     as amount_vnd
from marts.fct_compliance_exceptions as e
inner join case_customers as cc
    on cc.customer_id = e.customer_id
order by e.customer_id, e.opened_date, e.exception_id
