with

source as (

    select * from {{ source('core_banking', 'bank_accounts') }}

),

renamed as (

    select

        -- ids
        cast(account_id as bigint) as account_id,
        cast(customer_id as bigint) as customer_id,

        -- attributes
        trim(account_number) as account_number,
        lower(trim(account_type)) as account_type,
        upper(trim(currency)) as currency,
        lower(trim(status)) as status,

        -- amounts
        cast(balance as decimal(18, 2)) as balance,

        -- timestamps
        cast(opened_at as timestamp) as opened_at,
        cast(created_at as timestamp) as created_at,
        cast(updated_at as timestamp) as updated_at,

        -- load audit
        cast(_batch_id as integer) as batch_id,
        cast(_loaded_at as timestamp) as loaded_at

    from source

)

select * from renamed
