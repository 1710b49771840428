{%- set casts = [] %}

with

source as (

    select * from {{ dq_raw_source('core_banking', 'case_dispositions') }}

),

renamed as (

    select

        -- ids
        trim(case_id) as case_id,
        {{ dq_cast(casts, 'customer_id', 'bigint') }} as customer_id,

        -- attributes
        lower(trim(decision)) as decision,

        -- flags
        lower(trim(decision)) = 'confirmed_fraud' as is_confirmed_fraud,

        -- timestamps
        {{ dq_cast(casts, 'decided_at', 'timestamp') }} as decided_at,
        cast(try_cast(decided_at as timestamp) as date) as decided_date,

        -- load audit (batch_id, loaded_at) and the quarantine's inputs
        -- (unconvertible_columns, row_hash): macros/dq/dq_raw.sql
        {{ dq_load_audit_columns(casts, 'source') }}

    from source

)

select * from renamed
