-- Risk alerts per day, rule, severity and status, with the alerted
-- customer's type and province (alerts without a known customer under
-- 'unknown'). Reads marts only; aggregated.
select
    a.alert_date,
    a.rule_id,
    coalesce(r.rule_name, a.rule_id)                       as rule_name,
    a.alert_type,
    a.entity_type,
    a.severity,
    case a.severity
        when 'critical' then 1 when 'high' then 2 when 'medium' then 3
        when 'low' then 4 else 5
    end                                                    as severity_order,
    a.status,
    coalesce(c.customer_type, 'unknown')                   as customer_type,
    coalesce(c.province_code, 'unknown')                   as province_code,
    count(*)::bigint                                       as alerts,
    coalesce(sum(a.evidence_transaction_count), 0)::bigint as evidence_transactions
from marts.fct_risk_alerts as a
left join marts.dim_alert_rules as r
    on r.rule_id = a.rule_id
left join marts.dim_customers as c
    on c.customer_id = a.customer_id
group by all
order by all
