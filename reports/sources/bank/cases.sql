-- Every investigation case of the fraud queue (marts.fct_cases), one row
-- each, for the case queue and the customer investigation pages: status,
-- dates, priority and ranks, why it was opened (rules, typology hints, what
-- opened it) and its evidence (alerts, value at risk). Lists as text
-- (typology_hint_key ',a,b,' or ',none,' for the typology filter), dates
-- also as text (opened_day, closed_day, worked_day) for the day picker. The
-- customer by internal key only. score_reasons: the champion score's three
-- reason codes (feature and its contribution to the log-odds), as text.
-- Reads marts only; bounded by the cases.
select
    k.case_id,
    k.customer_id,
    k.customer_id::varchar                                     as customer_key,
    coalesce(c.customer_type, 'unknown')                       as customer_type,
    coalesce(c.province_code, 'unknown')                       as province_code,
    k.status,
    k.is_worked,
    k.opened_date,
    k.closed_date,
    k.worked_date,
    k.last_alert_date,
    strftime(k.opened_date, '%Y-%m-%d')                        as opened_day,
    strftime(k.closed_date, '%Y-%m-%d')                        as closed_day,
    strftime(k.worked_date, '%Y-%m-%d')                        as worked_day,
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
    coalesce(concat_ws(', ',
        k.reason_1_feature || ' ' || printf('%+.2f', k.reason_1_contribution),
        k.reason_2_feature || ' ' || printf('%+.2f', k.reason_2_contribution),
        k.reason_3_feature || ' ' || printf('%+.2f', k.reason_3_contribution)
    ), '')                                                     as score_reasons,
    k.risk_model_version,
    k.priority,
    k.daily_rank,
    k.worked_rank,
    '/customers/' || k.customer_id::varchar || '/'             as customer_link
from marts.fct_cases as k
left join marts.dim_customers as c
    on c.customer_id = k.customer_id
order by k.opened_date desc, k.case_id
