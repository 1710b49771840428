with

-- every staged transaction, with its SBV 2345 classification and its
-- authentication attempts
transactions as (

    select * from {{ ref('int_transactions_classified') }}

),

-- the few columns the per-customer lookups below need (a narrow second
-- read instead of a shared copy of the wide rows)
transaction_keys as (

    select
        transaction_id,
        customer_id,
        transaction_ts,
        to_account_internal_id,
        to_account_external_id
    from {{ ref('int_transactions_classified') }}

),

accounts as (

    select * from {{ ref('stg_core_banking__bank_accounts') }}

),

-- each entity's versions (status at a time) with its current row (when it
-- was created and last updated): one point-in-time join each below
customer_versions as (

    {{ scd_versions_with_current(
        ref('stg_core_banking__customers'),
        ref('int_customers_historized'),
        'customer_id',
        ['created_at', 'updated_at'],
        ['status'],
    ) }}

),

account_versions as (

    {{ scd_versions_with_current(
        'accounts',
        ref('int_bank_accounts_historized'),
        'account_id',
        ['created_at', 'updated_at'],
        ['status'],
    ) }}

),

device_versions as (

    {{ scd_versions_with_current(
        ref('stg_core_banking__devices'),
        ref('int_devices_historized'),
        'device_id',
        ['created_at', 'updated_at', 'first_seen_at'],
        ['status', 'is_trusted'],
    ) }}

),

-- the customer's first transaction to each payee (a narrow window: only
-- the ids travel through the sort)
first_payments as (

    select
        transaction_id,
        customer_id
    from (
        select
            transaction_id,
            customer_id,
            row_number() over (
                partition by customer_id, payee_key
                order by transaction_ts, transaction_id
            ) as payment_no
        from (
            select
                transaction_id,
                customer_id,
                transaction_ts,
                {{ risk_payee_key(
                    'to_account_internal_id', 'to_account_external_id'
                ) }} as payee_key
            from transaction_keys
        ) as keyed
        where payee_key is not null
    ) as numbered
    where payment_no = 1

),

-- when each customer's history in the warehouse starts
customer_starts as (

    select
        customer_id,
        min(transaction_ts) as first_transaction_ts
    from transaction_keys
    group by 1

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
        {{ risk_payee_key(
            'transactions.to_account_internal_id',
            'transactions.to_account_external_id',
        ) }} as payee_key,

        -- timestamps
        transactions.transaction_ts,
        transactions.transaction_date,

        -- attributes
        transactions.transaction_type,
        transactions.status,
        transactions.is_completed,
        coalesce(
            transactions.transaction_type != 'inquiry'
            and transactions.amount > 0,
            false
        ) as is_money_moving,
        coalesce(
            transactions.transaction_type in {{ risk_transfer_types_sql() }},
            false
        ) as is_transfer,
        transactions.customer_type,

        -- amounts (VND)
        transactions.amount,
        transactions.tksth_before,

        -- SBV 2345 classification
        transactions.transaction_group,
        transactions.required_auth_level,
        transactions.achieved_auth_level,
        coalesce(transactions.has_biometric_auth, false) as has_biometric_auth,
        coalesce(transactions.is_new_device_transaction, false)
            as is_new_device_transaction,

        -- authentication attempts
        cast(transactions.auth_attempt_count as integer) as auth_attempt_count,
        cast(
            transactions.auth_attempt_count
            - transactions.successful_auth_attempt_count
            as integer
        ) as failed_auth_attempt_count,

        -- the device
        coalesce(
            device_versions.first_seen_at >= transactions.transaction_ts
            - {{ risk_interval(var('risk_new_device_hours'), 'hour') }},
            false
        ) as is_recent_device,
        -- a status counts only where its version is known to have held
        -- (macros/scd_valid_at.sql)
        coalesce(
            (
                device_versions.version_is_trusted = false
                or device_versions.version_status in ('blocked', 'suspicious')
            )
            and {{ scd_version_known_at(
                'device_versions', 'transactions.transaction_ts'
            ) }},
            false
        ) as is_device_untrusted_at_transaction,

        -- the source account and the customer
        coalesce(
            account_versions.version_status in ('inactive', 'frozen')
            and {{ scd_version_known_at(
                'account_versions', 'transactions.transaction_ts'
            ) }},
            false
        ) as is_account_inactive_at_transaction,
        coalesce(
            customer_versions.version_status in ('inactive', 'suspended')
            and {{ scd_version_known_at(
                'customer_versions', 'transactions.transaction_ts'
            ) }},
            false
        ) as is_customer_inactive_at_transaction,
        to_accounts.customer_id as to_customer_id,
        to_accounts.opened_at as to_account_opened_at,

        -- payees
        coalesce(
            first_payments.transaction_id is not null,
            false
        ) as is_first_payment_to_payee,
        -- the same, once the customer has enough history to tell
        coalesce(
            first_payments.transaction_id is not null
            and transactions.transaction_ts
            >= customer_starts.first_transaction_ts
            + {{ risk_interval(var('risk_new_payee_warmup_days'), 'day') }},
            false
        ) as is_new_payee

    from transactions

    left join accounts as to_accounts
        on transactions.to_account_internal_id = to_accounts.account_id
    left join customer_versions
        on
            transactions.customer_id = customer_versions.customer_id
            and {{ scd_valid_at(
                'customer_versions', 'transactions.transaction_ts'
            ) }}
    left join account_versions
        on
            transactions.from_account_id = account_versions.account_id
            and {{ scd_valid_at(
                'account_versions', 'transactions.transaction_ts'
            ) }}
    left join device_versions
        on
            transactions.device_id = device_versions.device_id
            and {{ scd_valid_at(
                'device_versions', 'transactions.transaction_ts'
            ) }}
    left join first_payments
        on transactions.transaction_id = first_payments.transaction_id

    left join customer_starts
        on transactions.customer_id = customer_starts.customer_id

),

final as (

    select * from joined

)

select * from final
