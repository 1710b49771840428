with

transactions as (

    select * from {{ ref('int_risk_transactions') }}

),

flagged as (

    select
        *,
        'High-value ' || transaction_type || ' of '
        || {{ risk_format_number('amount') }} || ' VND by an '
        || coalesce(customer_type, 'unknown') || ' customer' as explanation
    from transactions
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

    {{ risk_transaction_alerts('high_value_transaction', 'flagged') }}

)

select * from final
