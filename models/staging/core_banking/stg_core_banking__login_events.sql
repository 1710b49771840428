{{ config(meta={'latest_load_column': 'batch_id'}) }}

with

checked as (

    select * from {{ ref('base_core_banking__login_events_checked') }}

),

clean as (

    select
        login_id,
        customer_id,
        device_id,
        login_result,
        ip_address,
        login_ts,
        batch_id,
        loaded_at
    from checked
    where {{ dq_reason_count('rejection_reasons') }} = 0

)

select * from clean
