with

transactions as (

    select * from {{ ref('int_risk_transactions') }}

),

flagged as (

    select * from transactions
    where
        is_completed
        and amount >= {{ var('risk_large_value_report_vnd') }}

),

final as (

    select

        -- rule and key
        {{ risk_alert_head('large_value_report', ['transaction_id']) }},

        -- entity
        transaction_id,
        customer_id,
        from_account_id as account_id,

        -- timestamps
        transaction_ts as alert_ts,
        transaction_ts as window_start_ts,
        transaction_ts as window_end_ts,

        -- evidence
        {{ risk_format_number('amount') }}
        || ' VND in one transaction: at least the '
        || {{ risk_format_number(var('risk_large_value_report_vnd')) }}
        || ' VND large-value report threshold' as explanation,
        {{ risk_list_of('transaction_id') }} as evidence_transaction_ids

    from flagged

)

select * from final
