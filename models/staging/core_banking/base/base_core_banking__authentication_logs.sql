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

        -- load audit (batch_id, loaded_at) and the quarantine's inputs
        -- (unconvertible_columns, row_hash): macros/dq/dq_raw.sql
        {{ dq_load_audit_columns(casts, 'source') }}

    from source

)

select * from renamed
