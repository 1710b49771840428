-- The transactions the customers with a case initiated, from 30 days before
-- their first case (marts.fct_transactions), one row each, for the timeline
-- of their investigation pages: amount, type, channel, status, device and
-- whether that device was trusted and new, the authentication achieved vs
-- required, and whether an alert points at it. Customers, accounts, devices
-- and transactions by internal key only. Reads marts only; bounded by the
-- customers with a case.
with case_customers as (
    select
        customer_id,
        min(opened_date) as first_case_date
    from marts.fct_cases
    group by customer_id
),

alerted as (
    select
        transaction_id,
        count(*)::bigint                                      as alerts,
        string_agg(distinct rule_id, ', ' order by rule_id)   as alert_rules
    from marts.fct_risk_alerts
    where transaction_id is not null
    group by transaction_id
)

select
    t.transaction_id,
    t.customer_id,
    t.customer_id::varchar                    as customer_key,
    t.transaction_ts,
    t.transaction_date,
    t.transaction_type,
    t.channel,
    t.status,
    t.is_completed,
    t.amount::double                                as amount_vnd,
    t.from_account_id,
    t.device_id,
    t.counterparty_country,
    t.merchant_category,
    k.is_device_trusted_at_transaction,
    k.is_new_device_transaction,
    k.required_auth_level,
    k.achieved_auth_level,
    k.is_compliant,
    coalesce(a.alerts, 0)                           as alerts,
    coalesce(a.alert_rules, '')                     as alert_rules
from marts.fct_transactions as t
inner join case_customers as cc
    on
        cc.customer_id = t.customer_id
        and t.transaction_date >= cc.first_case_date - interval 30 day
left join marts.fct_transaction_classification as k
    on k.transaction_id = t.transaction_id
left join alerted as a
    on a.transaction_id = t.transaction_id
order by t.customer_id, t.transaction_ts, t.transaction_id
