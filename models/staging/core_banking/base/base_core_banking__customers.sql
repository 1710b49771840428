with

source as (

    select * from {{ source('core_banking', 'customers') }}

),

renamed as (

    select

        -- ids
        cast(customer_id as bigint) as customer_id,

        -- attributes
        lower(trim(customer_type)) as customer_type,
        trim(province_code) as province_code,
        lower(trim(status)) as status,

        -- personal data
        trim(national_id) as national_id,
        trim(tax_code) as tax_code,
        trim(full_name) as full_name,
        cast(date_of_birth as date) as date_of_birth,
        lower(trim(gender)) as gender,
        trim(phone_number) as phone_number,
        lower(trim(email)) as email,
        trim(address) as address,

        -- timestamps
        cast(registration_date as timestamp) as registered_at,
        cast(created_at as timestamp) as created_at,
        cast(updated_at as timestamp) as updated_at,

        -- load audit
        cast(_batch_id as integer) as batch_id,
        cast(_loaded_at as timestamp) as loaded_at

    from source

)

select * from renamed
