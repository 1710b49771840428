with

transactions as (

    select * from {{ ref('int_risk_transactions') }}

),

flagged as (

    select * from transactions
    where
        is_transfer
        and is_first_payment_to_payee
        and is_recent_device
        and last_login_ts >= transaction_ts
        - {{ risk_interval(var('risk_ato_login_window_minutes'), 'minute') }}
        and failed_logins_before_last_login
        >= {{ var('risk_ato_min_failed_logins') }}

),

final as (

    select

        -- rule and key
        {{ risk_alert_head('account_takeover', ['transaction_id']) }},

        -- entity
        transaction_id,
        customer_id,
        from_account_id as account_id,

        -- timestamps
        transaction_ts as alert_ts,
        transaction_ts as window_start_ts,
        transaction_ts as window_end_ts,

        -- evidence
        {{ risk_format_number('amount') }} || ' VND to a never-paid payee '
        || cast(cast(
            {{ risk_seconds_between('last_login_ts', 'transaction_ts') }}
            / 60 as integer
        ) as varchar)
        || ' min after a login on a new device that followed '
        || cast(failed_logins_before_last_login as varchar)
        || ' failed logins' as explanation,
        {{ risk_list_of('transaction_id') }} as evidence_transaction_ids

    from flagged

)

select * from final
