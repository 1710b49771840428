{{ config(meta={'latest_load_column': 'batch_id'}) }}

with

source as (

    select * from {{ source('core_banking', 'login_events') }}

),

renamed as (

    select

        -- ids
        cast(login_id as bigint) as login_id,
        cast(customer_id as bigint) as customer_id,
        cast(device_id as bigint) as device_id,

        -- attributes
        lower(trim(result)) as login_result,

        -- personal data
        trim(ip_address) as ip_address,

        -- timestamps
        cast(login_ts as timestamp) as login_ts,

        -- load audit
        cast(_batch_id as integer) as batch_id,
        cast(_loaded_at as timestamp) as loaded_at

    from source

)

select * from renamed
