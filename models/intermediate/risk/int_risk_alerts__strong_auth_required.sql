with

transactions as (

    select * from {{ ref('int_risk_transactions') }}

),

flagged as (

    select * from transactions
    where
        is_completed
        and customer_type = 'individual'
        and transaction_group = 'I.3'
        and (
            amount > {{ var('sbv2345_i3_b_max_amount_vnd') }}
            or amount + coalesce(tksth_before, 0)
            > {{ var('sbv2345_i3_b_max_tksth_vnd') }}
        )
        and not has_biometric_auth

),

final as (

    select

        -- rule and key
        {{ risk_alert_head('strong_auth_required', ['transaction_id']) }},

        -- entity
        transaction_id,
        customer_id,
        from_account_id as account_id,

        -- timestamps
        transaction_ts as alert_ts,
        transaction_ts as window_start_ts,
        transaction_ts as window_end_ts,

        -- evidence
        'I.3 transfer of ' || {{ risk_format_number('amount') }}
        || ' VND (Tksth before '
        || {{ risk_format_number('coalesce(tksth_before, 0)') }}
        || ' VND) over the biometric limits, no biometric match' as explanation,
        {{ risk_list_of('transaction_id') }} as evidence_transaction_ids

    from flagged

)

select * from final
