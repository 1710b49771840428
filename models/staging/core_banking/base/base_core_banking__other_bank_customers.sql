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

        -- load audit
        {{ dq_cast(casts, '_batch_id', 'integer') }} as batch_id,
        {{ dq_cast(casts, '_loaded_at', 'timestamp') }} as loaded_at,

        -- quarantine inputs (macros/dq/dq_raw.sql)
        {{ dq_unconvertible(casts) }} as unconvertible_columns,
        {{ dq_row_hash('source') }} as row_hash

    from source

)

select * from renamed
