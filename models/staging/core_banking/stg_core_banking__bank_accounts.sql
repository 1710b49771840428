with

checked as (

    select * from {{ ref('base_core_banking__bank_accounts_checked') }}

),

clean as (

    select
        account_id,
        customer_id,
        account_number,
        account_type,
        currency,
        status,
        balance,
        opened_at,
        created_at,
        updated_at,
        batch_id,
        loaded_at
    from checked
    where {{ dq_reason_count('rejection_reasons') }} = 0

)

select * from clean
