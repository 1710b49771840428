with

transactions as (

    select * from {{ ref('int_risk_transactions') }}

),

flagged as (

    select * from transactions
    where
        is_money_moving
        and (
            is_account_inactive_at_transaction
            or is_customer_inactive_at_transaction
        )

),

final as (

    select

        -- rule and key
        {{ risk_alert_head('inactive_account', ['transaction_id']) }},

        -- entity
        transaction_id,
        customer_id,
        from_account_id as account_id,

        -- timestamps
        transaction_ts as alert_ts,
        transaction_ts as window_start_ts,
        transaction_ts as window_end_ts,

        -- evidence
        transaction_type || ' of ' || {{ risk_format_number('amount') }}
        || ' VND from '
        || case
            when is_account_inactive_at_transaction
                then 'an inactive or frozen account'
            else 'an inactive or suspended customer'
        end as explanation,
        {{ risk_list_of('transaction_id') }} as evidence_transaction_ids

    from flagged

)

select * from final
