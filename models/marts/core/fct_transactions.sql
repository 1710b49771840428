with

transactions as (

    select * from {{ ref('stg_core_banking__payment_transactions') }}

),

customers as (

    select * from {{ ref('stg_core_banking__customers') }}

),

accounts as (

    select * from {{ ref('stg_core_banking__bank_accounts') }}

),

final as (

    select

        -- ids and timestamps
        transactions.transaction_id,
        transactions.transaction_ts,
        cast(transactions.transaction_ts as date) as transaction_date,

        -- transaction attributes
        transactions.transaction_type,
        transactions.channel,
        transactions.status,
        coalesce(transactions.status = 'completed', false) as is_completed,

        -- amounts
        transactions.amount,
        transactions.currency,

        -- customer (no personal data)
        transactions.customer_id,
        customers.customer_type,
        customers.province_code,

        -- source account
        transactions.from_account_id,
        accounts.account_type,
        accounts.status as account_status,

        -- context
        transactions.device_id,
        transactions.merchant_category,
        transactions.counterparty_country

    from transactions

    -- left joins: a transaction whose customer or account is missing from
    -- staging is kept, with null attributes, never dropped
    left join customers
        on transactions.customer_id = customers.customer_id

    left join accounts
        on transactions.from_account_id = accounts.account_id

)

select * from final
