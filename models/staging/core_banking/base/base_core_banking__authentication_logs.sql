{{ config(meta={'latest_load_column': 'batch_id'}) }}

{%- set casts = [] %}
with

source as (

    select * from {{ dq_raw_source('core_banking', 'authentication_logs') }}

),

renamed as (

    select

        -- ids
        {{ dq_cast(casts, 'auth_log_id', 'bigint') }} as auth_log_id,
        {{ dq_cast(casts, 'transaction_id', 'bigint') }} as transaction_id,
        {{ dq_cast(casts, 'auth_method_id', 'integer') }} as auth_method_id,

        -- attributes
        lower(trim(auth_result)) as auth_result,
        trim(failure_reason) as failure_reason,

        -- timestamps
        {{ dq_cast(casts, 'auth_ts', 'timestamp') }} as auth_ts,

        -- load audit
        {{ dq_cast(casts, '_batch_id', 'integer') }} as batch_id,
        {{ dq_cast(casts, '_loaded_at', 'timestamp') }} as loaded_at,

        -- quarantine inputs (macros/dq/dq_raw.sql)
        {{ dq_unconvertible(casts) }} as unconvertible_columns,
        {{ dq_row_hash('source') }} as row_hash

    from source

)

select * from renamed
