with

checked as (

    select * from {{ ref('base_core_banking__customers_checked') }}

),

clean as (

    select
        customer_id,
        customer_type,
        province_code,
        status,
        national_id,
        tax_code,
        full_name,
        date_of_birth,
        gender,
        phone_number,
        email,
        address,
        registered_at,
        created_at,
        updated_at,
        batch_id,
        loaded_at
    from checked
    where {{ dq_reason_count('rejection_reasons') }} = 0

)

select * from clean
