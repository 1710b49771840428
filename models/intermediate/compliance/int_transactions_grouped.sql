{{ config(meta={'latest_load_column': 'transaction_batch_id'}) }}

with

transactions as (

    select * from {{ ref('stg_core_banking__payment_transactions') }}

),

-- every customer with a known type, also one the quarantine rejected for
-- another reason (stg_core_banking__customer_types)
customers as (

    select * from {{ ref('stg_core_banking__customer_types') }}

),

grouped as (

    select

        -- ids
        transactions.transaction_id,
        transactions.customer_id,
        transactions.from_account_id,
        transactions.to_account_internal_id,
        transactions.to_account_external_id,
        transactions.device_id,

        -- timestamps (raw timestamps are naive Vietnam local time, so the
        -- local calendar day is the timestamp's date)
        transactions.transaction_ts,
        cast(transactions.transaction_ts as date) as transaction_date,

        -- attributes
        transactions.transaction_type,
        transactions.channel,
        transactions.counterparty_country,
        transactions.status,
        coalesce(transactions.status = 'completed', false) as is_completed,
        customers.customer_type,
        {{ sbv2345_transaction_group(
            'customers.customer_type', 'transactions.transaction_type'
        ) }} as transaction_group,

        -- amounts
        transactions.amount,

        -- load audit
        transactions.batch_id as transaction_batch_id,
        transactions.checked_at as transaction_checked_at

    from transactions

    -- a transaction whose customer has no known type is kept, with a null
    -- customer type and group (it cannot be classified)
    left join customers
        on transactions.customer_id = customers.customer_id

)

select * from grouped
