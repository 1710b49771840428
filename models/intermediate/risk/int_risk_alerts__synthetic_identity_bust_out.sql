{%- set window = risk_interval(var('risk_bust_out_window_hours'), 'hour') -%}

with

transactions as (

    select * from {{ ref('int_risk_transactions') }}

),

first_days as (

    select
        customer_id,
        min(transaction_date) as first_date
    from transactions
    group by all

),

-- the customer's completed outflow per day, and its trailing daily mean
customer_days as (

    select
        customer_id,
        transaction_date,
        sum(amount) as day_outflow
    from transactions
    where is_completed and is_money_moving
    group by all

),

baselines as (

    select
        customer_days.customer_id,
        customer_days.transaction_date,
        coalesce(sum(customer_days.day_outflow) over (
            partition by customer_days.customer_id
            order by customer_days.transaction_date
            range between
            {{ risk_interval(var('risk_baseline_days'), 'day') }} preceding
            and {{ risk_interval(1, 'day') }} preceding
        ), 0) as baseline_outflow,
        least(
            {{ dbt.datediff(
                'first_days.first_date', 'customer_days.transaction_date', 'day'
            ) }},
            {{ var('risk_baseline_days') }}
        ) as baseline_day_count
    from customer_days
    inner join first_days
        on customer_days.customer_id = first_days.customer_id

),

new_payee_transfers as (

    select
        transactions.transaction_id,
        transactions.customer_id,
        transactions.transaction_ts,
        transactions.amount,
        baselines.baseline_outflow / baselines.baseline_day_count
            as baseline_daily_outflow
    from transactions
    inner join baselines
        on
            transactions.customer_id = baselines.customer_id
            and transactions.transaction_date = baselines.transaction_date
    where
        transactions.is_transfer
        and transactions.is_completed
        and transactions.is_new_payee
        and {{ risk_is_retail('transactions.customer_type') }}
        and baselines.baseline_day_count
        >= {{ var('risk_bust_out_min_history_days') }}

),

windowed as (

    select
        new_payee_transfers.*,
        count(*) over customer_window as window_count,
        sum(new_payee_transfers.amount) over customer_window as window_amount,
        min(new_payee_transfers.transaction_ts)
            over customer_window
            as window_first_ts
    from new_payee_transfers
    window customer_window as (
        partition by customer_id
        order by transaction_ts
        range between {{ window }} preceding and current row
    )

),

hot as (

    select * from windowed
    where
        window_count >= {{ var('risk_bust_out_min_transfers') }}
        and window_amount >= {{ var('risk_bust_out_baseline_multiplier') }}
        * baseline_daily_outflow

),

episodes as (

    {{ risk_episodes('hot', 'customer_id', window) }}

),

evidence as (

    select
        episodes.customer_id,
        episodes.alert_ts,
        count(*) as transfer_count,
        sum(new_payee_transfers.amount) as total_amount,
        max(new_payee_transfers.baseline_daily_outflow)
            as baseline_daily_outflow,
        {{ risk_list_agg('new_payee_transfers.transaction_id') }}
            as evidence_transaction_ids
    from episodes
    inner join new_payee_transfers
        on
            episodes.customer_id = new_payee_transfers.customer_id
            and episodes.window_start_ts <= new_payee_transfers.transaction_ts
            and episodes.window_end_ts >= new_payee_transfers.transaction_ts
    group by all

),

final as (

    select

        -- rule and key
        {{ risk_alert_head(
            'synthetic_identity_bust_out',
            ['episodes.customer_id', 'episodes.alert_ts']
        ) }},

        -- entity
        cast(null as bigint) as transaction_id,
        episodes.customer_id,
        cast(null as bigint) as account_id,

        -- timestamps
        episodes.alert_ts,
        episodes.window_start_ts,
        episodes.window_end_ts,

        -- evidence
        cast(evidence.transfer_count as varchar)
        || ' transfers to never-paid payees, '
        || {{ risk_format_number('evidence.total_amount') }}
        || ' VND within '
        || cast(cast(ceil({{ risk_seconds_between(
            'episodes.window_start_ts', 'episodes.window_end_ts'
        ) }} / 3600) as integer) as varchar)
        || ' hours, against a daily outflow of '
        || {{ risk_format_number('evidence.baseline_daily_outflow') }}
        || ' VND' as explanation,
        evidence.evidence_transaction_ids

    from episodes

    inner join evidence
        on
            episodes.customer_id = evidence.customer_id
            and episodes.alert_ts = evidence.alert_ts

)

select * from final
