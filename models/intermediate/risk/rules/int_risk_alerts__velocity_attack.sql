{%- set window = risk_interval(
    var('risk_velocity_window_minutes'), 'minute'
) -%}

{%- set explanation -%}
    cast(evidence.transaction_count as string) || ' transactions in '
    || {{ risk_duration_text(
        'episodes.window_start_ts', 'episodes.window_end_ts', 'minute'
    ) }}
    || ' (at least '
    || cast({{ var('risk_velocity_min_transactions') }} as string)
    || ' within '
    || cast({{ var('risk_velocity_window_minutes') }} as string)
    || '), to ' || cast(evidence.payee_count as string)
    || ' distinct payees besides merchants'
{%- endset -%}

with

transactions as (

    select * from {{ ref('int_risk_transactions') }}

),

windowed as (

    select
        transaction_id,
        customer_id,
        from_account_id,
        transaction_ts,
        count(*) over account_window as window_count,
        min(transaction_ts) over account_window as window_first_ts
    from transactions
    where {{ risk_is_retail('customer_type') }}
    window account_window as (
        partition by from_account_id
        order by transaction_ts
        range between {{ window }} preceding and current row
    )

),

hot as (

    select * from windowed
    where window_count >= {{ var('risk_velocity_min_transactions') }}

),

episodes as (

    {{ risk_episodes('hot', 'from_account_id', window) }}

),

evidence as (

    select
        episodes.from_account_id,
        episodes.alert_ts,
        count(*) as transaction_count,
        count(distinct transactions.payee_key) as payee_count,
        {{ risk_list_agg('transactions.transaction_id') }}
            as evidence_transaction_ids
    from episodes
    inner join transactions
        on
            episodes.from_account_id = transactions.from_account_id
            and episodes.window_start_ts <= transactions.transaction_ts
            and episodes.window_end_ts >= transactions.transaction_ts
    group by all

),

final as (

    {{ risk_episode_alerts(
        'velocity_attack', 'from_account_id', explanation
    ) }}

)

select * from final
