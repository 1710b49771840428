{{ config(materialized='table') }}

with

transactions as (

    select * from {{ ref('stg_core_banking__payment_transactions') }}

),

classified as (

    select * from {{ ref('int_transactions_classified') }}

),

authentications as (

    select * from {{ ref('int_transactions_authenticated') }}

),

customers as (

    select * from {{ ref('stg_core_banking__customers') }}

),

accounts as (

    select * from {{ ref('stg_core_banking__bank_accounts') }}

),

devices as (

    select * from {{ ref('stg_core_banking__devices') }}

),

customer_history as (

    select * from {{ ref('int_customers_historized') }}

),

account_history as (

    select * from {{ ref('int_bank_accounts_historized') }}

),

device_history as (

    select * from {{ ref('int_devices_historized') }}

),

logins as (

    select * from {{ ref('stg_core_banking__login_events') }}

),

-- failed logins of the customer shortly before each successful login
successful_logins as (

    select
        customer_id,
        device_id,
        login_ts,
        login_result,
        sum(case when login_result = 'failed' then 1 else 0 end) over (
            partition by customer_id
            order by login_ts
            range between {{ risk_interval(
                var('risk_ato_failed_login_lookback_minutes'), 'minute'
            ) }} preceding and current row
        ) as failed_logins_before
    from logins

),

-- one stream per (customer, device): successful logins and transactions;
-- each transaction takes the latest successful login at or before it
login_events as (

    select
        customer_id,
        device_id,
        login_ts as event_ts,
        0 as event_order,
        cast(null as bigint) as transaction_id,
        login_ts,
        failed_logins_before
    from successful_logins
    where login_result = 'success'

    union all

    select
        customer_id,
        device_id,
        transaction_ts as event_ts,
        1 as event_order,
        transaction_id,
        cast(null as timestamp) as login_ts,
        cast(null as bigint) as failed_logins_before
    from transactions
    where device_id is not null

),

login_carried as (

    select
        transaction_id,
        last_value(login_ts ignore nulls) over (
            partition by customer_id, device_id
            order by event_ts, event_order, transaction_id
            rows between unbounded preceding and current row
        ) as last_login_ts,
        last_value(failed_logins_before ignore nulls) over (
            partition by customer_id, device_id
            order by event_ts, event_order, transaction_id
            rows between unbounded preceding and current row
        ) as failed_logins_before_last_login
    from login_events

),

login_context as (

    select * from login_carried
    where transaction_id is not null

),

joined as (

    select

        -- ids
        transactions.transaction_id,
        transactions.customer_id,
        transactions.from_account_id,
        transactions.to_account_internal_id,
        transactions.to_account_external_id,
        transactions.device_id,
        case
            when transactions.to_account_internal_id is not null
                then
                    'internal:'
                    || cast(transactions.to_account_internal_id as varchar)
            when transactions.to_account_external_id is not null
                then
                    'external:'
                    || cast(transactions.to_account_external_id as varchar)
        end as payee_key,

        -- timestamps
        transactions.transaction_ts,
        cast(transactions.transaction_ts as date) as transaction_date,

        -- attributes
        transactions.transaction_type,
        transactions.channel,
        transactions.status,
        coalesce(transactions.status = 'completed', false) as is_completed,
        coalesce(
            transactions.transaction_type != 'inquiry'
            and transactions.amount > 0,
            false
        ) as is_money_moving,
        coalesce(
            transactions.transaction_type in {{ risk_transfer_types_sql() }},
            false
        ) as is_transfer,
        customers.customer_type,
        transactions.counterparty_country,

        -- amounts (VND)
        transactions.amount,
        classified.daily_group_total_before,
        classified.tksth_before,

        -- SBV 2345 classification
        classified.transaction_group,
        classified.required_auth_level,
        classified.achieved_auth_level,
        coalesce(classified.requires_biometric, false) as requires_biometric,
        coalesce(classified.has_biometric_auth, false) as has_biometric_auth,
        coalesce(classified.is_new_device_transaction, false)
            as is_new_device_transaction,

        -- authentication attempts
        coalesce(authentications.auth_attempt_count, 0) as auth_attempt_count,
        coalesce(
            authentications.auth_attempt_count
            - authentications.successful_auth_attempt_count,
            0
        ) as failed_auth_attempt_count,

        -- the device
        coalesce(
            devices.first_seen_at >= transactions.transaction_ts
            - {{ risk_interval(var('risk_new_device_hours'), 'hour') }},
            false
        ) as is_recent_device,
        -- a status version is trusted from its own start; the first version
        -- known (stretched back in time) only from the row's updated_at,
        -- unless the row never changed since it was created
        coalesce(
            (
                device_history.is_trusted = false
                or device_history.status in ('blocked', 'suspicious')
            )
            and (
                device_history.valid_from > cast('1900-01-01' as timestamp)
                or devices.updated_at <= transactions.transaction_ts
                or devices.updated_at = devices.created_at
            ),
            false
        ) as is_device_untrusted_at_transaction,

        -- the source account and the customer
        coalesce(
            account_history.status in ('inactive', 'frozen')
            and (
                account_history.valid_from > cast('1900-01-01' as timestamp)
                or accounts.updated_at <= transactions.transaction_ts
                or accounts.updated_at = accounts.created_at
            ),
            false
        ) as is_account_inactive_at_transaction,
        coalesce(
            customer_history.status in ('inactive', 'suspended')
            and (
                customer_history.valid_from > cast('1900-01-01' as timestamp)
                or customers.updated_at <= transactions.transaction_ts
                or customers.updated_at = customers.created_at
            ),
            false
        ) as is_customer_inactive_at_transaction,
        to_accounts.customer_id as to_customer_id,
        to_accounts.opened_at as to_account_opened_at,

        -- the login session
        login_context.last_login_ts,
        coalesce(login_context.failed_logins_before_last_login, 0)
            as failed_logins_before_last_login

    from transactions

    left join classified
        on transactions.transaction_id = classified.transaction_id

    left join authentications
        on transactions.transaction_id = authentications.transaction_id

    left join customers
        on transactions.customer_id = customers.customer_id

    left join accounts
        on transactions.from_account_id = accounts.account_id

    left join accounts as to_accounts
        on transactions.to_account_internal_id = to_accounts.account_id

    left join devices
        on transactions.device_id = devices.device_id

    left join customer_history
        on
            transactions.customer_id = customer_history.customer_id
            and transactions.transaction_ts >= customer_history.valid_from
            and transactions.transaction_ts < customer_history.valid_to

    left join account_history
        on
            transactions.from_account_id = account_history.account_id
            and transactions.transaction_ts >= account_history.valid_from
            and transactions.transaction_ts < account_history.valid_to

    left join device_history
        on
            transactions.device_id = device_history.device_id
            and transactions.transaction_ts >= device_history.valid_from
            and transactions.transaction_ts < device_history.valid_to

    left join login_context
        on transactions.transaction_id = login_context.transaction_id

),

final as (

    select
        joined.*,
        -- the customer's first transaction to this payee in the warehouse
        coalesce(
            joined.payee_key is not null
            and row_number() over (
                partition by joined.customer_id, joined.payee_key
                order by joined.transaction_ts, joined.transaction_id
            ) = 1,
            false
        ) as is_first_payment_to_payee,
        -- the same, once the customer has enough history to tell
        -- once the customer has enough history to tell
        coalesce(
            joined.payee_key is not null
            and row_number() over (
                partition by joined.customer_id, joined.payee_key
                order by joined.transaction_ts, joined.transaction_id
            ) = 1
            and joined.transaction_ts >= min(joined.transaction_ts)
                over (
                    partition by joined.customer_id
                )
            + {{ risk_interval(var('risk_new_payee_warmup_days'), 'day') }},
            false
        ) as is_new_payee
    from joined

)

select * from final
