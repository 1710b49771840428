{%- set casts = [] %}

with

source as (

    select * from {{ dq_raw_source('core_banking', 'customers') }}

),

renamed as (

    select

        -- ids
        {{ dq_cast(casts, 'customer_id', 'bigint') }} as customer_id,

        -- attributes
        lower(trim(customer_type)) as customer_type,
        trim(province_code) as province_code,
        lower(trim(status)) as status,

        -- personal data
        trim(national_id) as national_id,
        trim(tax_code) as tax_code,
        trim(full_name) as full_name,
        {{ dq_cast(casts, 'date_of_birth', 'date') }} as date_of_birth,
        lower(trim(gender)) as gender,
        trim(phone_number) as phone_number,
        lower(trim(email)) as email,
        trim(address) as address,

        -- timestamps
        {{ dq_cast(casts, 'registration_date', 'timestamp') }} as registered_at,
        {{ dq_cast(casts, 'created_at', 'timestamp') }} as created_at,
        {{ dq_cast(casts, 'updated_at', 'timestamp') }} as updated_at,

        -- load audit (batch_id, loaded_at) and the quarantine's inputs
        -- (unconvertible_columns, row_hash): macros/dq/dq_raw.sql
        {{ dq_load_audit_columns(casts, 'source') }}

    from source

)

select * from renamed
