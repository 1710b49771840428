with

transactions as (

    select * from {{ ref('int_risk_transactions') }}

),

-- the first day of data: a baseline only counts the days it covers
data_start as (

    select min(transaction_date) as first_date from transactions

),

organisation_days as (

    select
        customer_id,
        transaction_date,
        min(transaction_ts) as window_start_ts,
        max(transaction_ts) as window_end_ts,
        count(*) as day_count,
        {{ risk_list_agg('transaction_id') }} as evidence_transaction_ids
    from transactions
    where
        customer_type = 'organization'
        and is_money_moving
    group by all

),

baselined as (

    select
        organisation_days.*,
        coalesce(sum(organisation_days.day_count) over (
            partition by organisation_days.customer_id
            order by organisation_days.transaction_date
            range between
            {{ risk_interval(var('risk_baseline_days'), 'day') }} preceding
            and {{ risk_interval(1, 'day') }} preceding
        ), 0) as baseline_count,
        least(
            {{ dbt.datediff(
                'data_start.first_date',
                'organisation_days.transaction_date',
                'day',
            ) }},
            {{ var('risk_baseline_days') }}
        ) as baseline_day_count
    from organisation_days
    cross join data_start

),

flagged as (

    select
        baselined.*,
        baselined.baseline_count
        / baselined.baseline_day_count as baseline_daily_mean
    from baselined
    where
        baselined.baseline_day_count >= {{ var('risk_baseline_min_days') }}
        and baselined.day_count >= {{ var('risk_payment_volume_min_count') }}
        and baselined.day_count
        >= {{ var('risk_payment_volume_spike_multiplier') }}
        * baselined.baseline_count / baselined.baseline_day_count

),

final as (

    select

        -- rule and key
        {{ risk_alert_head(
            'high_payment_volume', ['customer_id', 'transaction_date']
        ) }},

        -- entity
        cast(null as bigint) as transaction_id,
        customer_id,
        cast(null as bigint) as account_id,

        -- timestamps
        window_end_ts as alert_ts,
        window_start_ts,
        window_end_ts,

        -- evidence
        cast(day_count as varchar) || ' outgoing transactions on '
        || cast(transaction_date as varchar) || ' against a daily mean of '
        || cast(round(baseline_daily_mean, 1) as varchar) || ' over '
        || cast(baseline_day_count as varchar) || ' days' as explanation,
        evidence_transaction_ids

    from flagged

)

select * from final
