with

checked as (

    select * from {{ ref('base_core_banking__dq_injected_defects_checked') }}

),

clean as (

    select
        table_name,
        record_key,
        defect_type,
        batch_id,
        loaded_at
    from checked
    where {{ dq_reason_count('rejection_reasons') }} = 0

)

select * from clean
