with

transactions as (

    select * from {{ ref('int_risk_transactions') }}

),

flagged as (

    select * from transactions
    where
        is_completed
        and is_money_moving
        and amount >= case
            when customer_type = 'organization'
                then {{ var('risk_high_value_organization_vnd') }}
            else {{ var('risk_high_value_individual_vnd') }}
        end

),

final as (

    select

        -- rule and key
        {{ risk_alert_head('high_value_transaction', ['transaction_id']) }},

        -- entity
        transaction_id,
        customer_id,
        from_account_id as account_id,

        -- timestamps
        transaction_ts as alert_ts,
        transaction_ts as window_start_ts,
        transaction_ts as window_end_ts,

        -- evidence
        'High-value ' || transaction_type || ' of '
        || {{ risk_format_number('amount') }} || ' VND by an '
        || coalesce(customer_type, 'unknown') || ' customer' as explanation,
        {{ risk_list_of('transaction_id') }} as evidence_transaction_ids

    from flagged

)

select * from final
