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

        -- load audit (batch_id, loaded_at) and the quarantine's inputs
        -- (unconvertible_columns, row_hash): macros/dq/dq_raw.sql
        {{ dq_load_audit_columns(casts, 'source') }}

    from source

)

select * from renamed
