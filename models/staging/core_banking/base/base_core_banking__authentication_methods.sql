with

source as (

    select * from {{ source('core_banking', 'authentication_methods') }}

),

renamed as (

    select

        -- ids
        cast(auth_method_id as integer) as auth_method_id,

        -- attributes
        lower(trim(method_code)) as method_code,
        trim(method_name) as method_name,
        upper(trim(security_level)) as security_level,
        lower(trim(customer_type)) as customer_type,

        -- flags
        cast(requires_biometric as boolean) as is_biometric_required,

        -- load audit
        cast(_batch_id as integer) as batch_id,
        cast(_loaded_at as timestamp) as loaded_at

    from source

)

select * from renamed
