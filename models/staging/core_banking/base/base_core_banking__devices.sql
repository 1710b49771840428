{%- set casts = [] %}

with

source as (

    select * from {{ dq_raw_source('core_banking', 'devices') }}

),

renamed as (

    select

        -- ids
        {{ dq_cast(casts, 'device_id', 'bigint') }} as device_id,
        {{ dq_cast(casts, 'customer_id', 'bigint') }} as customer_id,

        -- attributes
        lower(trim(device_type)) as device_type,
        trim(device_identifier) as device_identifier,
        trim(os_info) as os_info,
        lower(trim(status)) as status,

        -- flags
        {{ dq_cast(casts, 'is_trusted', 'boolean') }} as is_trusted,

        -- timestamps
        {{ dq_cast(casts, 'first_seen', 'timestamp') }} as first_seen_at,
        {{ dq_cast(casts, 'last_seen', 'timestamp') }} as last_seen_at,
        {{ dq_cast(casts, 'created_at', 'timestamp') }} as created_at,
        {{ dq_cast(casts, 'updated_at', 'timestamp') }} as updated_at,

        -- load audit (batch_id, loaded_at) and the quarantine's inputs
        -- (unconvertible_columns, row_hash): macros/dq/dq_raw.sql
        {{ dq_load_audit_columns(casts, 'source') }}

    from source

)

select * from renamed
