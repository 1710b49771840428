{#- The investigators' evidence beyond transactions: every login and every
    authentication attempt of a customer with an investigation case
    (fct_cases), from 30 days before the customer's first case to the last
    day of data. Bounded by the queue, so the analyst database stays small;
    keys only, no IP address. -#}

with

cases as (

    select * from {{ ref('fct_cases') }}

),

logins as (

    select * from {{ ref('stg_core_banking__login_events') }}

),

authentications as (

    select * from {{ ref('stg_core_banking__authentication_logs') }}

),

methods as (

    select * from {{ ref('stg_core_banking__authentication_methods') }}

),

transactions as (

    select * from {{ ref('fct_transactions') }}

),

window_start as (

    select
        customer_id,
        min(opened_date) - 30 as from_date
    from cases
    group by 1

),

login_events as (

    select
        'login' as event_type,
        cast(logins.login_id as string) as event_id,
        logins.customer_id,
        logins.device_id,
        cast(null as bigint) as transaction_id,
        logins.login_ts as event_ts,
        logins.login_result as event_result,
        coalesce(logins.login_result = 'success', false) as is_success,
        cast(null as string) as method_name,
        cast(null as string) as security_level
    from logins
    inner join window_start
        on
            logins.customer_id = window_start.customer_id
            and cast(logins.login_ts as date) >= window_start.from_date

),

-- the case customers' transactions with the start of their window, kept
-- apart: joined to the authentication logs on transaction_id alone, the
-- window becomes a filter; a join of the logs to window_start on the date
-- alone is what DuckDB would otherwise pick, and it explodes
case_transactions as materialized (

    select
        transactions.transaction_id,
        transactions.customer_id,
        transactions.device_id,
        window_start.from_date
    from transactions
    inner join window_start
        on transactions.customer_id = window_start.customer_id

),

authentication_events as (

    select
        'authentication' as event_type,
        cast(authentications.auth_log_id as string) as event_id,
        case_transactions.customer_id,
        case_transactions.device_id,
        authentications.transaction_id,
        authentications.auth_ts as event_ts,
        coalesce(
            authentications.failure_reason, authentications.auth_result
        ) as event_result,
        coalesce(authentications.auth_result = 'success', false)
            as is_success,
        methods.method_name,
        methods.security_level
    from authentications
    inner join case_transactions
        on authentications.transaction_id = case_transactions.transaction_id
    left join methods
        on authentications.auth_method_id = methods.auth_method_id
    where
        cast(authentications.auth_ts as date) >= case_transactions.from_date

),

events as (

    select * from login_events
    union all
    select * from authentication_events

),

final as (

    select
        event_type,
        event_id,
        customer_id,
        device_id,
        transaction_id,
        event_ts,
        cast(event_ts as date) as event_date,
        event_result,
        is_success,
        method_name,
        security_level
    from events

)

select * from final
