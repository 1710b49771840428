{{ config(meta={'latest_load_column': 'batch_id'}) }}

{%- set casts = [] %}
with

source as (

    select * from {{ dq_raw_source('core_banking', 'login_events') }}

),

renamed as (

    select

        -- ids
        {{ dq_cast(casts, 'login_id', 'bigint') }} as login_id,
        {{ dq_cast(casts, 'customer_id', 'bigint') }} as customer_id,
        {{ dq_cast(casts, 'device_id', 'bigint') }} as device_id,

        -- attributes
        lower(trim(result)) as login_result,

        -- personal data
        trim(ip_address) as ip_address,

        -- timestamps
        {{ dq_cast(casts, 'login_ts', 'timestamp') }} as login_ts,

        -- load audit (batch_id, loaded_at) and the quarantine's inputs
        -- (unconvertible_columns, row_hash): macros/dq/dq_raw.sql
        {{ dq_load_audit_columns(casts, 'source') }}

    from source

)

select * from renamed
