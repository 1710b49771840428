with

source as (

    select * from {{ source('core_banking', 'other_bank_customers') }}

),

renamed as (

    select

        -- ids
        cast(counterparty_id as bigint) as counterparty_id,
        cast(bank_id as integer) as bank_id,

        -- attributes
        upper(trim(country_code)) as country_code,

        -- personal data
        trim(full_name) as full_name,
        trim(national_id) as national_id,

        -- load audit
        cast(_batch_id as integer) as batch_id,
        cast(_loaded_at as timestamp) as loaded_at

    from source

)

select * from renamed
