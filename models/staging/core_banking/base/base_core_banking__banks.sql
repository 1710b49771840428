with

source as (

    select * from {{ source('core_banking', 'banks') }}

),

renamed as (

    select

        -- ids
        cast(bank_id as integer) as bank_id,

        -- attributes
        upper(trim(bank_code)) as bank_code,
        trim(bank_name) as bank_name,

        -- flags
        cast(is_domestic as boolean) as is_domestic,
        cast(is_self as boolean) as is_self,

        -- load audit
        cast(_batch_id as integer) as batch_id,
        cast(_loaded_at as timestamp) as loaded_at

    from source

)

select * from renamed
