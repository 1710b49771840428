{{ config(meta={'latest_load_column': 'batch_id'}) }}

with

source as (

    select * from {{ source('core_banking', 'payment_transactions') }}

),

renamed as (

    select

        -- ids
        cast(transaction_id as bigint) as transaction_id,
        cast(customer_id as bigint) as customer_id,
        cast(from_account_id as bigint) as from_account_id,
        cast(to_account_internal_id as bigint) as to_account_internal_id,
        cast(to_account_external_id as bigint) as to_account_external_id,
        cast(device_id as bigint) as device_id,

        -- attributes
        lower(trim(transaction_type)) as transaction_type,
        lower(trim(channel)) as channel,
        lower(trim(status)) as status,
        upper(trim(currency)) as currency,
        trim(merchant_category) as merchant_category,
        upper(trim(counterparty_country)) as counterparty_country,
        trim(description) as description,

        -- amounts
        cast(amount as decimal(18, 2)) as amount,

        -- timestamps
        cast(transaction_ts as timestamp) as transaction_ts,

        -- load audit
        cast(_batch_id as integer) as batch_id,
        cast(_loaded_at as timestamp) as loaded_at

    from source

)

select * from renamed
