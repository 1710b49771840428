with

transactions as (

    select * from {{ ref('int_risk_transactions') }}

),

-- an individual's completed I.3 transfer over 10M without a biometric match
flagged as (

    select
        *,
        'I.3 ' || transaction_type || ' of '
        || {{ risk_format_number('amount') }} || ' VND (over '
        || {{ risk_format_number(var('sbv2345_i3_b_max_amount_vnd')) }}
        || ' VND in one transaction) without a biometric match'
            as explanation
    from transactions
    where
        is_completed
        and customer_type = 'individual'
        and transaction_group = 'I.3'
        and amount > {{ var('sbv2345_i3_b_max_amount_vnd') }}
        and not has_biometric_auth

),

final as (

    {{ risk_transaction_alerts('strong_auth_required', 'flagged') }}

)

select * from final
