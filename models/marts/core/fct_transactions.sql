{{
    config(
        meta={'latest_load_column': 'transaction_batch_id'},
        materialized='incremental',
        incremental_strategy=partition_replace_strategy(),
        unique_key='transaction_date',
        partition_by=engine_partition_by(['transaction_date']),
        on_schema_change='append_new_columns',
    )
}}

{#- Incremental runs rebuild the Vietnam-local days whose rows changed in
    staging (changed_partitions, macros/incremental/changed_partitions.sql:
    per day, the row count and the latest quarantine check); the attributes
    are those in force at the transaction's time, so a day once built stays
    right. -#}
{%- set loads -%}
    (
        select
            cast(transaction_ts as date) as transaction_date,
            checked_at as transaction_checked_at
        from {{ ref('stg_core_banking__payment_transactions') }}
    )
{%- endset %}
{%- set fingerprint = ['count(*)', 'max(transaction_checked_at)'] %}

with

staged as (

    select
        *,
        cast(transaction_ts as date) as transaction_date,
        batch_id as transaction_batch_id,
        checked_at as transaction_checked_at
    from {{ ref('stg_core_banking__payment_transactions') }}

),

-- the days to (re)build, filtered before the point-in-time joins: a filter
-- after them is not pushed below the range joins and would join every day
transactions as (

    select * from staged
    {%- if is_incremental() %}
    where
        transaction_date in {{ changed_partitions(
            loads, this, 'transaction_date', fingerprint
        ) }}
        -- the same bound as a literal, for the staged table's scan
        and transaction_ts >= cast({{ first_changed_partition(
            loads, this, 'transaction_date', fingerprint
        ) }} as timestamp)
    {%- endif %}

),

customer_history as (

    select * from {{ ref('int_customers_historized') }}

),

account_history as (

    select * from {{ ref('int_bank_accounts_historized') }}

),

final as (

    select

        -- ids and timestamps
        transactions.transaction_id,
        transactions.transaction_ts,
        transactions.transaction_date,

        -- transaction attributes
        transactions.transaction_type,
        transactions.channel,
        transactions.status,
        coalesce(transactions.status = 'completed', false) as is_completed,

        -- amounts
        transactions.amount,
        transactions.currency,

        -- customer at transaction time (no personal data)
        transactions.customer_id,
        customer_history.customer_type,
        customer_history.province_code,

        -- source account at transaction time
        transactions.from_account_id,
        account_history.account_type,
        account_history.status as account_status,

        -- context
        transactions.device_id,
        transactions.merchant_category,
        transactions.counterparty_country,

        -- load audit
        transactions.transaction_batch_id,
        transactions.transaction_checked_at

    from transactions

    -- left joins: a transaction whose customer or account is missing from
    -- staging is kept, with null attributes, never dropped
    left join customer_history
        on
            transactions.customer_id = customer_history.customer_id
            and {{ scd_valid_at(
                'customer_history', 'transactions.transaction_ts'
            ) }}

    left join account_history
        on
            transactions.from_account_id = account_history.account_id
            and {{ scd_valid_at(
                'account_history', 'transactions.transaction_ts'
            ) }}

)

select * from final
