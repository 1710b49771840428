-- The compliance exceptions open on the latest day of data, one row each
-- (bounded: open ones only), for follow-up: rule, account or device and
-- customer by internal key, since when, days flagged and the evidence.
-- Reads marts only.
select
    e.exception_id,
    e.rule_id,
    e.rule_name,
    e.basis,
    e.severity,
    case e.severity
        when 'critical' then 1 when 'high' then 2 when 'medium' then 3
        when 'low' then 4 else 5
    end                                  as severity_order,
    e.entity_type,
    e.entity_id,
    e.customer_id,
    e.opened_date,
    e.last_flagged_date,
    e.flagged_days,
    e.alert_count,
    e.transaction_count,
    e.amount_vnd::double                 as amount_vnd
from marts.fct_compliance_exceptions as e
where e.status = 'open'
order by severity_order, e.last_flagged_date desc, e.exception_id
