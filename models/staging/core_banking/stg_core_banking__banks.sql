with

checked as (

    select * from {{ ref('base_core_banking__banks_checked') }}

),

clean as (

    select
        bank_id,
        bank_code,
        bank_name,
        is_domestic,
        is_self,
        batch_id,
        loaded_at
    from checked
    where {{ dq_reason_count('rejection_reasons') }} = 0

)

select * from clean
