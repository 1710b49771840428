with

checked as (

    select * from {{ ref('base_core_banking__authentication_methods_checked') }}

),

clean as (

    select
        auth_method_id,
        method_code,
        method_name,
        security_level,
        customer_type,
        is_biometric_required,
        batch_id,
        loaded_at
    from checked
    where {{ dq_reason_count('rejection_reasons') }} = 0

)

select * from clean
