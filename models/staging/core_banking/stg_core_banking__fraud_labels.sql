with

checked as (

    select * from {{ ref('base_core_banking__fraud_labels_checked') }}

),

clean as (

    select
        transaction_id,
        case_id,
        typology,
        case_role,
        batch_id,
        loaded_at
    from checked
    where {{ dq_reason_count('rejection_reasons') }} = 0

)

select * from clean
