-- The 50 most recent alerts of every rule, with their explanation, for the
-- alert queue and the per-rule drill-down (bounded: at most 50 x rules rows).
-- Customers, accounts and transactions by internal key only. Reads marts only.
select
    a.alert_id,
    a.rule_id,
    coalesce(r.rule_name, a.rule_id)          as rule_name,
    a.severity,
    case a.severity
        when 'critical' then 1 when 'high' then 2 when 'medium' then 3
        when 'low' then 4 else 5
    end                                       as severity_order,
    a.status,
    a.case_id,
    a.entity_type,
    a.alert_ts,
    a.alert_date,
    a.customer_id,
    a.account_id,
    a.transaction_id,
    coalesce(c.customer_type, 'unknown')      as customer_type,
    coalesce(c.province_code, 'unknown')      as province_code,
    a.evidence_transaction_count,
    a.explanation
from marts.fct_risk_alerts as a
left join marts.dim_alert_rules as r
    on r.rule_id = a.rule_id
left join marts.dim_customers as c
    on c.customer_id = a.customer_id
qualify row_number() over (partition by a.rule_id order by a.alert_ts desc, a.alert_id desc) <= 50
order by a.alert_ts desc, a.alert_id
