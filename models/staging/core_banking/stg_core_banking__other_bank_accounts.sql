with

checked as (

    select * from {{ ref('base_core_banking__other_bank_accounts_checked') }}

),

clean as (

    select
        external_account_id,
        counterparty_id,
        bank_id,
        account_number,
        batch_id,
        loaded_at
    from checked
    where {{ dq_reason_count('rejection_reasons') }} = 0

)

select * from clean
