with

checked as (

    select * from {{ ref('base_core_banking__devices_checked') }}

),

clean as (

    select
        device_id,
        customer_id,
        device_type,
        device_identifier,
        os_info,
        status,
        is_trusted,
        first_seen_at,
        last_seen_at,
        created_at,
        updated_at,
        batch_id,
        loaded_at
    from checked
    where {{ dq_reason_count('rejection_reasons') }} = 0

)

select * from clean
