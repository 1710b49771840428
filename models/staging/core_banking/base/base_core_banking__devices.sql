with

source as (

    select * from {{ source('core_banking', 'devices') }}

),

renamed as (

    select

        -- ids
        cast(device_id as bigint) as device_id,
        cast(customer_id as bigint) as customer_id,

        -- attributes
        lower(trim(device_type)) as device_type,
        trim(device_identifier) as device_identifier,
        trim(os_info) as os_info,
        lower(trim(status)) as status,

        -- flags
        cast(is_trusted as boolean) as is_trusted,

        -- timestamps
        cast(first_seen as timestamp) as first_seen_at,
        cast(last_seen as timestamp) as last_seen_at,
        cast(created_at as timestamp) as created_at,
        cast(updated_at as timestamp) as updated_at,

        -- load audit
        cast(_batch_id as integer) as batch_id,
        cast(_loaded_at as timestamp) as loaded_at

    from source

)

select * from renamed
