-- The fraud-queue alerts of the customers with a case (marts.fct_risk_alerts),
-- one row each, with their case and status (open, worked, expired,
-- suppressed, below_threshold) and explanation. Customers, accounts and
-- transactions by internal key only. Reads marts only; bounded by the
-- customers with a case.
with case_customers as (
    select distinct customer_id from marts.fct_cases
)

select
    a.alert_id,
    a.customer_id,
    a.customer_id::varchar                    as customer_key,
    a.rule_id,
    coalesce(r.rule_name, a.rule_id)           as rule_name,
    coalesce(r.target_typology, '')            as typology,
    a.severity,
    case a.severity
        when 'critical' then 1 when 'high' then 2 when 'medium' then 3
        when 'low' then 4 else 5
    end                                        as severity_order,
    a.status,
    coalesce(a.case_id, '')                    as case_id,
    a.alert_ts,
    a.alert_date,
    a.account_id,
    a.transaction_id,
    a.evidence_transaction_count,
    a.explanation
from marts.fct_risk_alerts as a
inner join case_customers as cc
    on cc.customer_id = a.customer_id
left join marts.dim_alert_rules as r
    on r.rule_id = a.rule_id
order by a.customer_id, a.alert_ts, a.alert_id
