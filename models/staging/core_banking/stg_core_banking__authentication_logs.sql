{{ config(meta={'latest_load_column': 'batch_id'}) }}

with

checked as (

    select * from {{ ref('base_core_banking__authentication_logs_checked') }}

),

clean as (

    select
        auth_log_id,
        transaction_id,
        auth_method_id,
        auth_result,
        failure_reason,
        auth_ts,
        batch_id,
        loaded_at,
        checked_at
    from checked
    where {{ dq_reason_count('rejection_reasons') }} = 0

)

select * from clean
