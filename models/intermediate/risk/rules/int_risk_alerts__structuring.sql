{%- set window = risk_interval(
    var('risk_structuring_window_hours'), 'hour'
) -%}
{%- set thresholds = [
    var('sbv2345_i3_b_max_amount_vnd'), var('risk_large_value_report_vnd')
] -%}
{%- set band = var('risk_structuring_band_share') -%}

{%- set explanation -%}
    cast(evidence.transfer_count as string)
    || ' transfers just under a reporting / biometric threshold ('
    || {{ risk_format_number('evidence.min_amount') }} || ' to '
    || {{ risk_format_number('evidence.max_amount') }} || ' VND) within '
    || {{ risk_duration_text(
        'episodes.window_start_ts', 'episodes.window_end_ts'
    ) }}
{%- endset -%}

with

transactions as (

    select * from {{ ref('int_risk_transactions') }}

),

-- transfers just under one of the thresholds (which one, as its index)
near_threshold as (

    select
        transaction_id,
        customer_id,
        from_account_id,
        transaction_ts,
        amount,
        case
            {%- for threshold in thresholds %}
            when
                amount >= {{ threshold }} * (1 - {{ band }})
                and amount < {{ threshold }}
                then {{ loop.index }}
            {%- endfor %}
        end as threshold_no
    from transactions
    where
        is_transfer
        and is_money_moving
        and {{ risk_is_retail('customer_type') }}

),

windowed as (

    select
        near_threshold.*,
        {%- for threshold in thresholds %}
        sum(
            case
                when near_threshold.threshold_no = {{ loop.index }} then 1 else
                    0
            end
        )
            over account_window as window_count_{{ loop.index }},
        {%- endfor %}
        min(near_threshold.transaction_ts)
            over account_window
            as window_first_ts
    from near_threshold
    where near_threshold.threshold_no is not null
    window account_window as (
        partition by from_account_id
        order by transaction_ts
        range between {{ window }} preceding and current row
    )

),

hot as (

    select * from windowed
    where
    {%- for threshold in thresholds %}
        {% if not loop.first %}or {% endif -%}
        window_count_{{ loop.index }}
        >= {{ var('risk_structuring_min_transfers') }}
    {%- endfor %}

),

episodes as (

    {{ risk_episodes('hot', 'from_account_id', window) }}

),

evidence as (

    select
        episodes.from_account_id,
        episodes.alert_ts,
        count(*) as transfer_count,
        min(near_threshold.amount) as min_amount,
        max(near_threshold.amount) as max_amount,
        {{ risk_list_agg('near_threshold.transaction_id') }}
            as evidence_transaction_ids
    from episodes
    inner join near_threshold
        on
            episodes.from_account_id = near_threshold.from_account_id
            and episodes.window_start_ts <= near_threshold.transaction_ts
            and episodes.window_end_ts >= near_threshold.transaction_ts
    where near_threshold.threshold_no is not null
    group by all

),

final as (

    {{ risk_episode_alerts(
        'structuring', 'from_account_id', explanation
    ) }}

)

select * from final
