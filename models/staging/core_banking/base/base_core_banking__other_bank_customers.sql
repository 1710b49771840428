{%- set casts = [] %}

with

source as (

    select * from {{ dq_raw_source('core_banking', 'other_bank_customers') }}

),

renamed as (

    select

        -- ids
        {{ dq_cast(casts, 'counterparty_id', 'bigint') }} as counterparty_id,
        {{ dq_cast(casts, 'bank_id', 'integer') }} as bank_id,

        -- attributes
        upper(trim(country_code)) as country_code,

        -- personal data
        trim(full_name) as full_name,
        trim(national_id) as national_id,

        -- load audit (batch_id, loaded_at) and the quarantine's inputs
        -- (unconvertible_columns, row_hash): macros/dq/dq_raw.sql
        {{ dq_load_audit_columns(casts, 'source') }}

    from source

)

select * from renamed
