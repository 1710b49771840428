with

transactions as (

    select * from {{ ref('int_risk_transactions') }}

),

flagged as (

    select
        *,
        'First transaction on a new device (group ' || transaction_group
        || ', ' || {{ risk_format_number('amount') }}
        || ' VND) without a biometric match' as explanation
    from transactions
    where
        is_completed
        and customer_type = 'individual'
        and transaction_group in ('I.2', 'I.3', 'I.4')
        and is_new_device_transaction
        and not has_biometric_auth

),

final as (

    {{ risk_transaction_alerts('new_device_without_biometric', 'flagged') }}

)

select * from final
