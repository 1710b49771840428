{{ config(meta={'latest_load_column': 'batch_id'}) }}

{%- set casts = [] %}
with

source as (

    select * from {{ dq_raw_source('core_banking', 'payment_transactions') }}

),

renamed as (

    select

        -- ids
        {{ dq_cast(casts, 'transaction_id', 'bigint') }} as transaction_id,
        {{ dq_cast(casts, 'customer_id', 'bigint') }} as customer_id,
        {{ dq_cast(casts, 'from_account_id', 'bigint') }} as from_account_id,
        {{ dq_cast(casts, 'to_account_internal_id', 'bigint') }}
            as to_account_internal_id,
        {{ dq_cast(casts, 'to_account_external_id', 'bigint') }}
            as to_account_external_id,
        {{ dq_cast(casts, 'device_id', 'bigint') }} as device_id,

        -- attributes
        lower(trim(transaction_type)) as transaction_type,
        lower(trim(channel)) as channel,
        lower(trim(status)) as status,
        upper(trim(currency)) as currency,
        trim(merchant_category) as merchant_category,
        upper(trim(counterparty_country)) as counterparty_country,
        trim(description) as description,

        -- amounts
        {{ dq_cast(casts, 'amount', 'decimal(18, 2)') }} as amount,

        -- timestamps
        {{ dq_cast(casts, 'transaction_ts', 'timestamp') }} as transaction_ts,

        -- load audit (batch_id, loaded_at) and the quarantine's inputs
        -- (unconvertible_columns, row_hash): macros/dq/dq_raw.sql
        {{ dq_load_audit_columns(casts, 'source') }}

    from source

)

select * from renamed
