{%- set window = risk_interval(var('risk_fan_in_window_days'), 'day') -%}
{%- set max_age = risk_interval(
    var('risk_fan_in_max_account_age_days'), 'day'
) -%}

{%- set explanation -%}
    cast(evidence.sender_count as string)
    || ' accounts of individuals paid '
    || {{ risk_format_number('evidence.total_amount') }}
    || ' VND into an account opened less than '
    || cast({{ var('risk_fan_in_max_account_age_days') }} as string)
    || ' days before, within '
    || {{ risk_duration_text(
        'episodes.window_start_ts', 'episodes.window_end_ts'
    ) }}
{%- endset -%}

with

transactions as (

    select * from {{ ref('int_risk_transactions') }}

),

-- individuals' completed transfers into another internal account that was
-- young enough, when they came, to start a window (at most the maximum age
-- plus the window)
incoming as (

    select
        transaction_id,
        from_account_id,
        to_account_internal_id,
        to_customer_id as customer_id,
        to_account_opened_at,
        transaction_ts,
        amount
    from transactions
    where
        is_transfer
        and is_completed
        and {{ risk_is_retail('customer_type') }}
        and to_account_internal_id != from_account_id
        and to_account_opened_at >= transaction_ts - {{ max_age }}
        - {{ window }}

),

windowed as (

    select
        incoming.*,
        {{ risk_count_distinct_over(
            'from_account_id',
            'partition by to_account_internal_id order by transaction_ts '
            ~ 'range between ' ~ window ~ ' preceding and current row'
        ) }} as window_sender_count,
        min(incoming.transaction_ts) over (
            partition by incoming.to_account_internal_id
            order by incoming.transaction_ts
            range between {{ window }} preceding and current row
        ) as window_first_ts
    from incoming

),

-- enough senders, and the account was young when the window began
hot as (

    select * from windowed
    where
        window_sender_count >= {{ var('risk_fan_in_min_senders') }}
        and to_account_opened_at >= window_first_ts - {{ max_age }}

),

episodes as (

    {{ risk_episodes('hot', 'to_account_internal_id', window) }}

),

evidence as (

    select
        episodes.to_account_internal_id,
        episodes.alert_ts,
        count(distinct incoming.from_account_id) as sender_count,
        sum(incoming.amount) as total_amount,
        {{ risk_list_agg('incoming.transaction_id') }}
            as evidence_transaction_ids
    from episodes
    inner join incoming
        on
            episodes.to_account_internal_id = incoming.to_account_internal_id
            and episodes.window_start_ts <= incoming.transaction_ts
            and episodes.window_end_ts >= incoming.transaction_ts
    group by all

),

final as (

    {{ risk_episode_alerts(
        'mule_fan_in', 'to_account_internal_id', explanation
    ) }}

)

select * from final
