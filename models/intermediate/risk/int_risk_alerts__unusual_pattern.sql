with

transactions as (

    select * from {{ ref('int_risk_transactions') }}

),

outgoing as (

    select * from transactions
    where is_completed and is_money_moving

),

-- the account's completed outgoing transactions of the trailing baseline
-- days, this one excluded (window totals minus the row itself)
baselined as (

    select
        outgoing.*,
        count(*) over baseline_window - 1 as history_count,
        sum(outgoing.amount) over baseline_window
        - outgoing.amount as history_amount
    from outgoing
    window baseline_window as (
        partition by from_account_id
        order by transaction_ts
        range between {{ risk_interval(var('risk_baseline_days'), 'day') }}
        preceding and current row
    )

),

flagged as (

    select
        baselined.*,
        baselined.history_amount
        / baselined.history_count as baseline_mean_amount
    from baselined
    where
        baselined.history_count
        >= {{ var('risk_unusual_min_history_transactions') }}
        and baselined.amount >= {{ var('risk_unusual_min_amount_vnd') }}
        and baselined.amount >= {{ var('risk_unusual_amount_multiplier') }}
        * baselined.history_amount / baselined.history_count

),

final as (

    select

        -- rule and key
        {{ risk_alert_head('unusual_pattern', ['transaction_id']) }},

        -- entity
        transaction_id,
        customer_id,
        from_account_id as account_id,

        -- timestamps
        transaction_ts as alert_ts,
        transaction_ts as window_start_ts,
        transaction_ts as window_end_ts,

        -- evidence
        {{ risk_format_number('amount') }} || ' VND is '
        || cast(cast(amount / baseline_mean_amount as integer) as varchar)
        || 'x the account''s mean of '
        || {{ risk_format_number('baseline_mean_amount') }}
        || ' VND over its previous '
        || cast(history_count as varchar) || ' transactions ('
        || cast({{ var('risk_baseline_days') }} as varchar) || ' days)'
            as explanation,
        {{ risk_list_of('transaction_id') }} as evidence_transaction_ids

    from flagged

)

select * from final
