with

alerts as (

    select * from {{ ref('int_risk_alerts') }}
    where rule_id in {{ risk_queue_rule_ids('fraud') }}

),

case_days as (

    select * from {{ ref('int_risk_case_days') }}
    where is_configured_capacity and alerts_today > 0

),

cases as (

    select * from {{ ref('fct_cases') }}

),

final as (

    select

        -- ids
        alerts.alert_id,
        alerts.rule_id,
        alerts.transaction_id,
        alerts.customer_id,
        alerts.account_id,

        -- classification of the alert
        alerts.alert_type,
        alerts.severity,
        alerts.entity_type,

        -- timestamps
        alerts.alert_ts,
        cast(alerts.alert_ts as date) as alert_date,
        alerts.window_start_ts,
        alerts.window_end_ts,

        -- workflow: the investigation case the alert joined, and that
        -- case's state; without a case, why (suppressed by a cooling-off,
        -- or below the opening priority)
        case_days.case_id,
        coalesce(cases.status, case_days.status) as status,

        -- evidence
        alerts.explanation,
        cast(
            {{ risk_list_length('alerts.evidence_transaction_ids') }}
            as integer
        ) as evidence_transaction_count

    from alerts
    left join case_days
        on
            alerts.customer_id = case_days.customer_id
            and cast(alerts.alert_ts as date) = case_days.queue_date
    left join cases
        on case_days.case_id = cases.case_id

)

select * from final
