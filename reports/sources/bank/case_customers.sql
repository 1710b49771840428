-- The customers with an investigation case (marts.fct_cases), one row each,
-- for their investigation pages (/customers/<customer_id>/): type, status,
-- province, registration, accounts and devices, and their cases. By
-- internal key and masked phone only. Reads marts only; bounded by the
-- customers with a case.
with case_summary as (
    select
        customer_id,
        count(*)::bigint                            as cases,
        count(*) filter (where is_worked)::bigint   as worked_cases,
        count(*) filter (where status = 'open')::bigint
                                                    as open_cases,
        min(opened_date)                            as first_case_date,
        max(opened_date)                            as last_case_date,
        sum(alert_count)::bigint                    as case_alerts,
        sum(amount_at_risk_vnd)::double             as amount_at_risk_vnd,
        max(priority)                               as max_priority
    from marts.fct_cases
    group by customer_id
)

select
    s.customer_id,
    s.customer_id::varchar                    as customer_key,
    coalesce(c.customer_type, 'unknown')            as customer_type,
    coalesce(c.status, 'unknown')                   as customer_status,
    coalesce(c.province_name, 'unknown')            as province_name,
    c.phone_number_masked,
    c.registration_date,
    c.account_count,
    c.active_account_count,
    c.device_count,
    c.trusted_device_count,
    s.cases,
    s.worked_cases,
    s.open_cases,
    s.first_case_date,
    s.last_case_date,
    s.case_alerts,
    s.amount_at_risk_vnd,
    s.max_priority,
    '/customers/' || s.customer_id::varchar || '/'  as customer_link
from case_summary as s
left join marts.dim_customers as c
    on c.customer_id = s.customer_id
order by s.customer_id
