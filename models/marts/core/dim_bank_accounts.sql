-- One row per bank account that passed the quarantine. The account number
-- is shown masked.
with

accounts as (

    select * from {{ ref('stg_core_banking__bank_accounts') }}

),

final as (

    select
        -- ids
        account_id,
        customer_id,
        {{ mask_keep_ends('account_number', 2, 3) }} as account_number_masked,

        -- attributes
        account_type,
        status,
        currency,

        -- amounts
        balance,

        -- timestamps
        opened_at,
        cast(opened_at as date) as opened_date,
        updated_at

    from accounts

)

select * from final
