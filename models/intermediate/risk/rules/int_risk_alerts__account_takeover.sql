with

transactions as (

    select * from {{ ref('int_risk_transactions') }}

),

logins as (

    select * from {{ ref('stg_core_banking__login_events') }}

),

-- transfers to a never-paid payee from a device first seen recently: the
-- only transactions whose login session matters
candidates as (

    select * from transactions
    where
        is_transfer
        and is_first_payment_to_payee
        and is_recent_device

),

candidate_customers as (

    select distinct customer_id from candidates

),

-- the candidates' customers' logins, each with the failed logins of the
-- customer shortly before it (itself included)
candidate_logins as (

    select
        logins.customer_id,
        logins.device_id,
        logins.login_ts,
        logins.login_result,
        sum(case when logins.login_result = 'failed' then 1 else 0 end) over (
            partition by logins.customer_id
            order by logins.login_ts
            range between {{ risk_interval(
                var('risk_ato_failed_login_lookback_minutes'), 'minute'
            ) }} preceding and current row
        ) as failed_logins_before
    from logins
    inner join candidate_customers
        on logins.customer_id = candidate_customers.customer_id

),

-- the session of each candidate: the latest successful login on its
-- device at or before it, when that is within the login window
sessions as (

    select
        candidates.transaction_id,
        candidate_logins.login_ts as last_login_ts,
        candidate_logins.failed_logins_before
            as failed_logins_before_last_login,
        row_number() over (
            partition by candidates.transaction_id
            order by candidate_logins.login_ts desc
        ) as login_recency
    from candidates
    inner join candidate_logins
        on
            candidates.customer_id = candidate_logins.customer_id
            and candidates.device_id = candidate_logins.device_id
            and candidates.transaction_ts >= candidate_logins.login_ts
            and candidates.transaction_ts
            <= candidate_logins.login_ts + {{ risk_interval(
                var('risk_ato_login_window_minutes'), 'minute'
            ) }}
    where candidate_logins.login_result = 'success'

),

flagged as (

    select
        candidates.*,
        sessions.last_login_ts,
        sessions.failed_logins_before_last_login
    from candidates
    inner join sessions
        on
            candidates.transaction_id = sessions.transaction_id
            and sessions.login_recency = 1
    where
        sessions.failed_logins_before_last_login
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
        last_login_ts as window_start_ts,
        transaction_ts as window_end_ts,

        -- evidence
        {{ risk_format_number('amount') }} || ' VND to a never-paid payee '
        || cast(cast(
            {{ risk_seconds_between('last_login_ts', 'transaction_ts') }}
            / 60 as integer
        ) as string)
        || ' min after a login on a new device that followed '
        || cast(failed_logins_before_last_login as string)
        || ' failed logins' as explanation,
        {{ risk_list_of('transaction_id') }} as evidence_transaction_ids

    from flagged

)

select * from final
