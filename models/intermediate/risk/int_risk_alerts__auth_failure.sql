with

transactions as (

    select * from {{ ref('int_risk_transactions') }}

),

flagged as (

    select * from transactions
    where
        failed_auth_attempt_count
        >= {{ var('risk_auth_failure_min_attempts') }}

),

final as (

    select

        -- rule and key
        {{ risk_alert_head('auth_failure', ['transaction_id']) }},

        -- entity
        transaction_id,
        customer_id,
        from_account_id as account_id,

        -- timestamps
        transaction_ts as alert_ts,
        transaction_ts as window_start_ts,
        transaction_ts as window_end_ts,

        -- evidence
        cast(failed_auth_attempt_count as varchar)
        || ' failed authentication attempts out of '
        || cast(auth_attempt_count as varchar) || ' on a '
        || transaction_type || ' of '
        || {{ risk_format_number('amount') }} || ' VND' as explanation,
        {{ risk_list_of('transaction_id') }} as evidence_transaction_ids

    from flagged

)

select * from final
