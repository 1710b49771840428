{#- The compliance queue (rules whose catalogue queue is compliance:
    SBV 2345 / Circular 50 authentication breaches, inactive-account use,
    untrusted devices, large-value reports), one row per rule, account or
    device, and day flagged, with the day's transactions as evidence.
    Transaction-level flags roll up to their source account's day; device
    flags stay on the device. A run of flagged days with gaps of at most
    var compliance_exception_gap_days is one exception (the same open
    exception, not a new one each day): exception_id names it. -#}

with

alerts as (

    select * from {{ ref('int_risk_alerts') }}
    where rule_id in {{ risk_queue_rule_ids('compliance') }}

),

transactions as (

    select * from {{ ref('int_risk_transactions') }}

),

evidence as (

    select
        alerts.alert_id,
        alerts.rule_id,
        alerts.entity_type as alert_entity_type,
        cast(alerts.alert_ts as date) as flagged_date,
        {{ risk_unnest('alerts.evidence_transaction_ids') }} as transaction_id
    from alerts

),

flagged as (

    select
        evidence.alert_id,
        evidence.rule_id,
        evidence.flagged_date,
        case
            when evidence.alert_entity_type = 'device' then 'device'
            else 'account'
        end as entity_type,
        case
            when evidence.alert_entity_type = 'device'
                then transactions.device_id
            else transactions.from_account_id
        end as entity_id,
        transactions.transaction_id,
        transactions.customer_id,
        transactions.amount
    from evidence
    inner join transactions
        on evidence.transaction_id = transactions.transaction_id

),

days as (

    select
        rule_id,
        entity_type,
        entity_id,
        flagged_date,
        min(customer_id) as customer_id,
        count(distinct alert_id) as alert_count,
        count(distinct transaction_id) as transaction_count,
        sum(amount) as amount_vnd,
        {{ risk_list_agg('transaction_id') }} as evidence_transaction_ids
    from flagged
    group by all

),

episodes as (

    select
        *,
        -- a new exception when the entity was not flagged within the gap
        coalesce(
            {{ dbt.datediff(
                'lag(flagged_date) over entity_days', 'flagged_date', 'day'
            ) }}
            > {{ var('compliance_exception_gap_days') }},
            true
        ) as is_first_day
    from days
    window entity_days as (
        partition by rule_id, entity_type, entity_id order by flagged_date
    )

),

numbered as (

    select
        *,
        max(case when is_first_day then flagged_date end) over (
            partition by rule_id, entity_type, entity_id
            order by flagged_date
            rows between unbounded preceding and current row
        ) as opened_date
    from episodes

),

final as (

    select

        -- ids
        'X' || {{ date_key_text('opened_date') }} || '-' || rule_id || '-'
        || entity_type || '-'
        || cast(entity_id as string) as exception_id,
        rule_id,
        entity_type,
        entity_id,
        customer_id,

        -- day
        flagged_date,
        opened_date,
        is_first_day,
        cast(
            row_number() over (
                partition by rule_id, entity_type, entity_id, opened_date
                order by flagged_date
            ) as integer
        ) as flagged_day_number,

        -- evidence
        cast(alert_count as integer) as alert_count,
        cast(transaction_count as integer) as transaction_count,
        cast(amount_vnd as decimal(18, 2)) as amount_vnd,
        evidence_transaction_ids

    from numbered

)

select * from final
