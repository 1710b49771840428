with

transactions as (

    select * from {{ ref('int_risk_transactions') }}

),

flagged as (

    select
        *,
        cast(failed_auth_attempt_count as string)
        || ' failed authentication attempts out of '
        || cast(auth_attempt_count as string) || ' on a '
        || transaction_type || ' of '
        || {{ risk_format_number('amount') }} || ' VND' as explanation
    from transactions
    where
        failed_auth_attempt_count
        >= {{ var('risk_auth_failure_min_attempts') }}

),

final as (

    {{ risk_transaction_alerts('auth_failure', 'flagged') }}

)

select * from final
