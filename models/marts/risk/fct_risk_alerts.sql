with

alerts as (

    select * from {{ ref('int_risk_alerts') }}

),

final as (

    select

        -- ids
        alert_id,
        rule_id,
        transaction_id,
        customer_id,
        account_id,

        -- classification of the alert
        alert_type,
        severity,
        entity_type,

        -- timestamps
        alert_ts,
        cast(alert_ts as date) as alert_date,
        window_start_ts,
        window_end_ts,

        -- workflow: every alert starts open (case management moves it on)
        'open' as status,

        -- evidence
        explanation,
        cast(
            {{ risk_list_length('evidence_transaction_ids') }} as integer
        ) as evidence_transaction_count

    from alerts

)

select * from final
