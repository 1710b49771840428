with

transactions as (

    select * from {{ ref('int_risk_transactions') }}

),

flagged as (

    select * from transactions
    where
        is_completed
        and required_auth_level is not null
        and (
            achieved_auth_level is null
            or achieved_auth_level < required_auth_level
        )

),

final as (

    select

        -- rule and key
        {{ risk_alert_head('weak_authentication', ['transaction_id']) }},

        -- entity
        transaction_id,
        customer_id,
        from_account_id as account_id,

        -- timestamps
        transaction_ts as alert_ts,
        transaction_ts as window_start_ts,
        transaction_ts as window_end_ts,

        -- evidence
        'Class ' || required_auth_level || ' required (group '
        || transaction_group || ', '
        || {{ risk_format_number('amount') }} || ' VND), achieved '
        || coalesce(achieved_auth_level, 'none') as explanation,
        {{ risk_list_of('transaction_id') }} as evidence_transaction_ids

    from flagged

)

select * from final
