with

transactions as (

    select * from {{ ref('int_risk_transactions') }}

),

flagged as (

    select
        *,
        {{ risk_format_number('amount') }}
        || ' VND in one transaction: at least the '
        || {{ risk_format_number(var('risk_large_value_report_vnd')) }}
        || ' VND large-value report threshold' as explanation
    from transactions
    where
        is_completed
        and amount >= {{ var('risk_large_value_report_vnd') }}

),

final as (

    {{ risk_transaction_alerts('large_value_report', 'flagged') }}

)

select * from final
