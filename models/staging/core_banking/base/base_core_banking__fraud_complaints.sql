{%- set casts = [] %}

with

source as (

    select * from {{ dq_raw_source('core_banking', 'fraud_complaints') }}

),

renamed as (

    select

        -- ids
        {{ dq_cast(casts, 'complaint_id', 'bigint') }} as complaint_id,
        {{ dq_cast(casts, 'customer_id', 'bigint') }} as customer_id,
        {{ dq_cast(casts, 'transaction_id', 'bigint') }} as transaction_id,

        -- timestamps
        {{ dq_cast(casts, 'reported_at', 'timestamp') }} as reported_at,
        cast(try_cast(reported_at as timestamp) as date) as reported_date,

        -- load audit (batch_id, loaded_at) and the quarantine's inputs
        -- (unconvertible_columns, row_hash): macros/dq/dq_raw.sql
        {{ dq_load_audit_columns(casts, 'source') }}

    from source

)

select * from renamed
