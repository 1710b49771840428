with

transactions as (

    select * from {{ ref('int_risk_transactions') }}

),

flagged as (

    select * from transactions
    where
        is_completed
        and customer_type = 'individual'
        and transaction_group in ('I.2', 'I.3', 'I.4')
        and is_new_device_transaction
        and not has_biometric_auth

),

final as (

    select

        -- rule and key
        {{ risk_alert_head(
            'new_device_without_biometric', ['transaction_id']
        ) }},

        -- entity
        transaction_id,
        customer_id,
        from_account_id as account_id,

        -- timestamps
        transaction_ts as alert_ts,
        transaction_ts as window_start_ts,
        transaction_ts as window_end_ts,

        -- evidence
        'First transaction on a new device (group '
        || transaction_group || ', '
        || {{ risk_format_number('amount') }}
        || ' VND) without a biometric match' as explanation,
        {{ risk_list_of('transaction_id') }} as evidence_transaction_ids

    from flagged

)

select * from final
