with

transactions as (

    select * from {{ ref('int_risk_transactions') }}

),

-- completed I.3 transactions that took the account's day total over the
-- limit and were not confirmed with a C or D method
offending as (

    select * from transactions
    where
        is_completed
        and transaction_group = 'I.3'
        and coalesce(daily_group_total_before, 0) + amount
        > {{ var('sbv2345_i3_b_max_tksth_vnd') }}
        and coalesce(achieved_auth_level, '') not in ('C', 'D')

),

account_days as (

    select
        from_account_id,
        transaction_date,
        min(customer_id) as customer_id,
        min(transaction_ts) as window_start_ts,
        max(transaction_ts) as window_end_ts,
        count(*) as offending_count,
        max(coalesce(daily_group_total_before, 0) + amount) as day_total,
        {{ risk_list_agg('transaction_id') }} as evidence_transaction_ids
    from offending
    group by all

),

final as (

    select

        -- rule and key
        {{ risk_alert_head(
            'daily_limit_strong_auth', ['from_account_id', 'transaction_date']
        ) }},

        -- entity
        cast(null as bigint) as transaction_id,
        customer_id,
        from_account_id as account_id,

        -- timestamps
        window_end_ts as alert_ts,
        window_start_ts,
        window_end_ts,

        -- evidence
        'I.3 total of ' || {{ risk_format_number('day_total') }}
        || ' VND on ' || cast(transaction_date as varchar) || ' over the '
        || {{ risk_format_number(var('sbv2345_i3_b_max_tksth_vnd')) }}
        || ' VND limit; ' || cast(offending_count as varchar)
        || ' transaction(s) over it without C/D authentication'
            as explanation,
        evidence_transaction_ids

    from account_days

)

select * from final
