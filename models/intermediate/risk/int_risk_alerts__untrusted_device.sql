with

transactions as (

    select * from {{ ref('int_risk_transactions') }}

),

flagged as (

    select * from transactions
    where
        is_money_moving
        and is_device_untrusted_at_transaction

),

final as (

    select

        -- rule and key
        {{ risk_alert_head('untrusted_device', ['transaction_id']) }},

        -- entity
        transaction_id,
        customer_id,
        from_account_id as account_id,

        -- timestamps
        transaction_ts as alert_ts,
        transaction_ts as window_start_ts,
        transaction_ts as window_end_ts,

        -- evidence
        'Transaction of ' || {{ risk_format_number('amount') }}
        || ' VND (' || transaction_type
        || ') from a device untrusted, blocked or suspicious at the time'
            as explanation,
        {{ risk_list_of('transaction_id') }} as evidence_transaction_ids

    from flagged

)

select * from final
