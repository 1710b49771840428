{%- set casts = [] %}

with

source as (

    select * from {{ dq_raw_source('core_banking', 'fraud_labels') }}

),

renamed as (

    select

        -- ids
        {{ dq_cast(casts, 'transaction_id', 'bigint') }} as transaction_id,
        {{ dq_cast(casts, 'case_id', 'bigint') }} as case_id,

        -- attributes
        lower(trim(typology)) as typology,
        lower(trim(role)) as case_role,

        -- load audit (batch_id, loaded_at) and the quarantine's inputs
        -- (unconvertible_columns, row_hash): macros/dq/dq_raw.sql
        {{ dq_load_audit_columns(casts, 'source') }}

    from source

)

select * from renamed
