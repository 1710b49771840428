{%- set casts = [] %}

with

source as (

    select * from {{ dq_raw_source('core_banking', 'authentication_methods') }}

),

renamed as (

    select

        -- ids
        {{ dq_cast(casts, 'auth_method_id', 'integer') }} as auth_method_id,

        -- attributes
        lower(trim(method_code)) as method_code,
        trim(method_name) as method_name,
        upper(trim(security_level)) as security_level,
        lower(trim(customer_type)) as customer_type,

        -- flags
        {{ dq_cast(casts, 'requires_biometric', 'boolean') }}
            as is_biometric_required,

        -- load audit
        {{ dq_cast(casts, '_batch_id', 'integer') }} as batch_id,
        {{ dq_cast(casts, '_loaded_at', 'timestamp') }} as loaded_at,

        -- quarantine inputs (macros/dq/dq_raw.sql)
        {{ dq_unconvertible(casts) }} as unconvertible_columns,
        {{ dq_row_hash('source') }} as row_hash

    from source

)

select * from renamed
