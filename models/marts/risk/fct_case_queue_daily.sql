{#- The fraud team's queue per day at the configured capacity
    (docs/cases.md): cases opened, worked and expired, the backlog and its
    age, the alerts the cases took and those the cooling-off suppressed;
    and, for evaluation only (labels), the value of the day's labelled
    fraud that was caught (a customer of it worked that day or within var
    case_detection_window_days) and missed. -#}

with

days as (

    select distinct transaction_date as queue_date
    from {{ ref('int_risk_transactions') }}

),

case_days as (

    select * from {{ ref('int_risk_case_days') }}
    where is_configured_capacity

),

alerts as (

    select * from {{ ref('int_risk_case_alerts') }}

),

fraud as (

    select * from {{ ref('int_risk_case_fraud_transactions') }}
    where
        strategy = 'case_queue'
        and capacity_per_1000_customers in (
            select configured.capacity_per_1000_customers
            from {{ ref('int_risk_case_days') }} as configured
            where configured.is_configured_capacity
        )

),

capacity as (

    select max(capacity_cases_per_day) as capacity_cases_per_day
    from {{ ref('int_risk_case_days') }}
    where is_configured_capacity

),

queue as (

    select
        queue_date,
        count(*) filter (where is_new) as new_cases,
        count(*) filter (where status = 'worked') as worked_cases,
        count(*) filter (where status = 'expired') as expired_cases,
        count(*) filter (where status = 'open') as backlog_cases,
        avg(queue_date - opened_date) filter (
            where status = 'open'
        ) as backlog_mean_age_days,
        max(queue_date - opened_date) filter (
            where status = 'open'
        ) as backlog_max_age_days,
        cast(
            coalesce(sum(alerts_today) filter (where case_id is not null), 0)
            as bigint
        ) as alerts_in_cases,
        cast(
            coalesce(sum(alerts_today) filter (where status = 'suppressed'), 0)
            as bigint
        ) as suppressed_alerts,
        cast(
            coalesce(
                sum(alerts_today) filter (where status = 'below_threshold'), 0
            ) as bigint
        ) as below_threshold_alerts
    from case_days
    group by 1

),

daily_alerts as (

    select
        alert_date as queue_date,
        count(*) as fraud_alerts
    from alerts
    group by 1

),

daily_fraud as (

    select
        transaction_date as queue_date,
        count(*) as fraud_transactions,
        count(*) filter (where is_caught) as fraud_transactions_caught,
        sum(amount_vnd) as fraud_vnd,
        coalesce(sum(amount_vnd) filter (where is_caught), 0)
            as fraud_vnd_caught
    from fraud
    group by 1

),

final as (

    select

        -- grain
        days.queue_date,

        -- capacity and flow
        capacity.capacity_cases_per_day,
        coalesce(queue.new_cases, 0) as new_cases,
        coalesce(queue.worked_cases, 0) as worked_cases,
        coalesce(queue.expired_cases, 0) as expired_cases,
        coalesce(queue.backlog_cases, 0) as backlog_cases,
        cast(queue.backlog_mean_age_days as double) as backlog_mean_age_days,
        cast(queue.backlog_max_age_days as integer) as backlog_max_age_days,

        -- alerts
        coalesce(daily_alerts.fraud_alerts, 0) as fraud_alerts,
        coalesce(queue.alerts_in_cases, 0) as alerts_in_cases,
        coalesce(queue.suppressed_alerts, 0) as suppressed_alerts,
        coalesce(queue.below_threshold_alerts, 0) as below_threshold_alerts,

        -- evaluation (labels)
        coalesce(daily_fraud.fraud_transactions, 0) as fraud_transactions,
        coalesce(daily_fraud.fraud_transactions_caught, 0)
            as fraud_transactions_caught,
        cast(coalesce(daily_fraud.fraud_vnd, 0) as decimal(18, 2))
            as fraud_vnd,
        cast(coalesce(daily_fraud.fraud_vnd_caught, 0) as decimal(18, 2))
            as fraud_vnd_caught,
        cast(
            coalesce(daily_fraud.fraud_vnd, 0)
            - coalesce(daily_fraud.fraud_vnd_caught, 0) as decimal(18, 2)
        ) as fraud_vnd_missed

    from days
    cross join capacity
    left join queue
        on days.queue_date = queue.queue_date
    left join daily_alerts
        on days.queue_date = daily_alerts.queue_date
    left join daily_fraud
        on days.queue_date = daily_fraud.queue_date

)

select * from final
