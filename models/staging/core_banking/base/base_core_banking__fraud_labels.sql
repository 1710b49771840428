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

        -- load audit
        {{ dq_cast(casts, '_batch_id', 'integer') }} as batch_id,
        {{ dq_cast(casts, '_loaded_at', 'timestamp') }} as loaded_at,

        -- quarantine inputs (macros/dq/dq_raw.sql)
        {{ dq_unconvertible(casts) }} as unconvertible_columns,
        {{ dq_row_hash('source') }} as row_hash

    from source

)

select * from renamed
