with

transactions as (

    select * from {{ ref('int_risk_transactions') }}

),

logins as (

    select * from {{ ref('stg_core_banking__login_events') }}

),

-- every authentication attempt of a customer: transaction confirmations
-- and logins
attempts as (

    select
        customer_id,
        transaction_date as attempt_date,
        transaction_ts as attempt_ts,
        auth_attempt_count as attempt_count,
        failed_auth_attempt_count as failed_count
    from transactions
    where auth_attempt_count > 0

    union all

    select
        customer_id,
        cast(login_ts as date) as attempt_date,
        login_ts as attempt_ts,
        1 as attempt_count,
        case when login_result = 'failed' then 1 else 0 end as failed_count
    from logins

),

customer_days as (

    select
        customer_id,
        attempt_date,
        min(attempt_ts) as window_start_ts,
        max(attempt_ts) as window_end_ts,
        sum(attempt_count) as attempt_count,
        sum(failed_count) as failed_count
    from attempts
    group by all

),

flagged as (

    select * from customer_days
    where
        attempt_count >= {{ var('risk_auth_failure_rate_min_attempts') }}
        and failed_count
        >= {{ var('risk_auth_failure_rate_min_share') }} * attempt_count

),

-- the alert covers the customer's transactions of the day
evidence as (

    select
        flagged.customer_id,
        flagged.attempt_date,
        {{ risk_list_agg('transactions.transaction_id') }}
            as evidence_transaction_ids
    from flagged
    inner join transactions
        on
            flagged.customer_id = transactions.customer_id
            and flagged.attempt_date = transactions.transaction_date
    group by all

),

final as (

    select

        -- rule and key
        {{ risk_alert_head(
            'auth_failure_rate', ['flagged.customer_id', 'flagged.attempt_date']
        ) }},

        -- entity
        cast(null as bigint) as transaction_id,
        flagged.customer_id,
        cast(null as bigint) as account_id,

        -- timestamps
        flagged.window_end_ts as alert_ts,
        flagged.window_start_ts,
        flagged.window_end_ts,

        -- evidence
        cast(flagged.failed_count as string) || ' of '
        || cast(flagged.attempt_count as string)
        || ' authentication attempts failed on '
        || cast(flagged.attempt_date as string) as explanation,
        evidence.evidence_transaction_ids

    from flagged

    left join evidence
        on
            flagged.customer_id = evidence.customer_id
            and flagged.attempt_date = evidence.attempt_date

)

select * from final
