{#- One row per compliance exception (fct_compliance_exception_days): the
    rule, the account or device, when it opened, when it was last flagged,
    and its state. An exception is open while its entity was flagged within
    var compliance_exception_gap_days of the latest day of data; otherwise
    it closed that many days after its last flag. -#}

with

exception_days as (

    select * from {{ ref('fct_compliance_exception_days') }}

),

rules as (

    select * from {{ ref('dim_alert_rules') }}

),

as_of as (

    select max(transaction_date) as as_of_date
    from {{ ref('int_risk_transactions') }}

),

exceptions as (

    select
        exception_id,
        any_value(rule_id) as rule_id,
        any_value(entity_type) as entity_type,
        any_value(entity_id) as entity_id,
        min(customer_id) as customer_id,
        min(opened_date) as opened_date,
        max(flagged_date) as last_flagged_date,
        count(*) as flagged_days,
        sum(alert_count) as alert_count,
        sum(transaction_count) as transaction_count,
        sum(amount_vnd) as amount_vnd
    from exception_days
    group by 1

),

final as (

    select

        -- ids
        exceptions.exception_id,
        exceptions.rule_id,
        rules.rule_name,
        rules.basis,
        rules.severity,
        exceptions.entity_type,
        exceptions.entity_id,
        exceptions.customer_id,

        -- state
        exceptions.opened_date,
        exceptions.last_flagged_date,
        case
            when
                exceptions.last_flagged_date
                + {{ var('compliance_exception_gap_days') }}
                >= as_of.as_of_date
                then 'open'
            else 'closed'
        end as status,
        case
            when
                exceptions.last_flagged_date
                + {{ var('compliance_exception_gap_days') }}
                < as_of.as_of_date
                then cast(
                    exceptions.last_flagged_date
                    + {{ var('compliance_exception_gap_days') }} as date
                )
        end as closed_date,

        -- evidence
        cast(exceptions.flagged_days as integer) as flagged_days,
        cast(exceptions.alert_count as integer) as alert_count,
        cast(exceptions.transaction_count as integer) as transaction_count,
        cast(exceptions.amount_vnd as decimal(18, 2)) as amount_vnd

    from exceptions
    inner join rules
        on exceptions.rule_id = rules.rule_id
    cross join as_of

)

select * from final
