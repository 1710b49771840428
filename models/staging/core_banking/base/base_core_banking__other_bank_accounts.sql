with

source as (

    select * from {{ source('core_banking', 'other_bank_accounts') }}

),

renamed as (

    select

        -- ids
        cast(external_account_id as bigint) as external_account_id,
        cast(counterparty_id as bigint) as counterparty_id,
        cast(bank_id as integer) as bank_id,

        -- attributes
        trim(account_number) as account_number,

        -- load audit
        cast(_batch_id as integer) as batch_id,
        cast(_loaded_at as timestamp) as loaded_at

    from source

)

select * from renamed
