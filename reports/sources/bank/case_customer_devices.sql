-- The devices of the customers with a case (marts.dim_devices), one row
-- each: type, OS, status, trust, first and last seen, and the transactions
-- made on it. Devices by internal key only (no identifier). Reads marts
-- only; bounded by the customers with a case.
with case_customers as (
    select distinct customer_id from marts.fct_cases
),

device_use as (
    select
        t.device_id,
        count(*)::bigint             as transactions,
        sum(t.amount)::double        as amount_vnd,
        max(t.transaction_date)      as last_transaction_date
    from marts.fct_transactions as t
    inner join case_customers as cc
        on cc.customer_id = t.customer_id
    where t.device_id is not null
    group by t.device_id
)

select
    d.device_id,
    d.customer_id,
    d.customer_id::varchar                    as customer_key,
    d.device_type,
    d.os_info,
    d.status,
    d.is_trusted,
    case when d.is_trusted then 'trusted' else 'not trusted' end  as trust,
    d.first_seen_at,
    d.first_seen_date,
    d.last_seen_at,
    coalesce(u.transactions, 0)                                    as transactions,
    coalesce(u.amount_vnd, 0)                                      as amount_vnd,
    u.last_transaction_date
from marts.dim_devices as d
inner join case_customers as cc
    on cc.customer_id = d.customer_id
left join device_use as u
    on u.device_id = d.device_id
order by d.customer_id, d.first_seen_at, d.device_id
