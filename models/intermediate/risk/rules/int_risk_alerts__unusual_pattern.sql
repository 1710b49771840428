{%- set baseline = risk_interval(var('risk_baseline_days'), 'day') -%}

with

transactions as (

    select * from {{ ref('int_risk_transactions') }}

),

-- completed money leaving the customer (own-account transfers are not);
-- only the columns the alert needs travel through the window's sort
outgoing as (

    select
        transaction_id,
        customer_id,
        from_account_id,
        transaction_group,
        transaction_ts,
        amount
    from transactions
    where
        is_completed
        and is_money_moving
        and transaction_group not in ('I.1', 'II.1')

),

-- the account's completed outgoing transactions of the same group over the
-- trailing baseline days, this one excluded (window totals minus the row)
baselined as (

    select
        outgoing.*,
        -- parenthesised: Spark reads `baseline_window - 1` as one name
        (count(*) over baseline_window) - 1 as history_count,
        (sum(outgoing.amount) over baseline_window)
        - outgoing.amount as history_amount
    from outgoing
    window baseline_window as (
        partition by outgoing.from_account_id, outgoing.transaction_group
        order by outgoing.transaction_ts
        range between {{ baseline }} preceding and current row
    )

),

flagged as (

    select
        *,
        {{ risk_format_number('amount') }} || ' VND is '
        || cast(cast(
            round(amount / (history_amount / history_count)) as integer
        ) as string)
        || 'x the account''s mean of '
        || {{ risk_format_number('history_amount / history_count') }}
        || ' VND over its previous '
        || cast(history_count as string)
        || ' transactions of group ' || transaction_group || ' ('
        || cast({{ var('risk_baseline_days') }} as string) || ' days)'
            as explanation
    from baselined
    where
        history_count >= {{ var('risk_unusual_min_history_transactions') }}
        and amount >= {{ var('risk_unusual_min_amount_vnd') }}
        and amount >= {{ var('risk_unusual_amount_multiplier') }}
        * history_amount / history_count

),

final as (

    {{ risk_transaction_alerts('unusual_pattern', 'flagged') }}

)

select * from final
