with

checked as (

    select * from {{ ref('base_core_banking__other_bank_customers_checked') }}

),

clean as (

    select
        counterparty_id,
        bank_id,
        country_code,
        full_name,
        national_id,
        batch_id,
        loaded_at
    from checked
    where {{ dq_reason_count('rejection_reasons') }} = 0

)

select * from clean
