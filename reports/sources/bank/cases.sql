-- Every investigation case of the fraud queue (marts.fct_cases), one row
-- each, for the case queue and the customer investigation pages: status,
-- dates, priority and ranks, why it was opened (rules, typology hints, what
-- opened it) and its evidence (alerts, value at risk). Lists as text
-- (typology_hint_key ',a,b,' or ',none,' for the typology filter). The
-- customer by internal key only. Reads marts only; bounded by the cases.
select
    k.case_id,
    k.customer_id,
    coalesce(c.customer_type, 'unknown')                       as customer_type,
    coalesce(c.province_code, 'unknown')                       as province_code,
    k.status,
    k.is_worked,
    k.opened_date,
    k.closed_date,
    k.worked_date,
    k.last_alert_date,
    k.age_days,
    k.days_in_queue,
    k.opened_by,
    array_to_string(k.rule_ids, ', ')                          as rules,
    coalesce(array_to_string(k.typology_hints, ', '), '')      as typology_hints,
    case
        when coalesce(len(k.typology_hints), 0) = 0 then ',none,'
        else ',' || array_to_string(k.typology_hints, ',') || ','
    end                                                        as typology_hint_key,
    k.max_severity,
    case k.max_severity
        when 'critical' then 1 when 'high' then 2 when 'medium' then 3
        when 'low' then 4 else 5
    end                                                        as severity_order,
    k.alert_count,
    k.amount_at_risk_vnd::double                               as amount_at_risk_vnd,
    k.risk_score,
    k.priority,
    k.daily_rank,
    k.worked_rank,
    '/customers/' || k.customer_id::varchar || '/'             as customer_link
from marts.fct_cases as k
left join marts.dim_customers as c
    on c.customer_id = k.customer_id
order by k.opened_date desc, k.case_id
