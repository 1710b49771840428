{#-
    Population stability index of each day's risk scores against the
    training days (the reference window): ten fixed bins of width 0.1 on
    [0, 1] (a score of exactly 1 falls in the last bin);
    PSI = sum over bins of (p_day - p_ref) * ln(p_day / p_ref), with each
    share floored at 0.0001 so an empty bin stays finite.
-#}

with

scores as (

    select * from {{ ref('fct_customer_risk_scores') }}

),

binned as (

    select
        score_date,
        is_training_day,
        least(cast(floor(risk_score * 10) as integer), 9) as score_bin
    from scores

),

bins as (

    select range_value as score_bin
    from (
        {% for bin_no in range(10) -%}
        select {{ bin_no }} as range_value
        {% if not loop.last %}union all{% endif %}
        {% endfor %}
    ) as bin_numbers

),

reference as (

    select
        bins.score_bin,
        greatest(
            coalesce(
                cast(count(binned.score_bin) as double)
                / nullif(sum(count(binned.score_bin)) over (), 0),
                0
            ),
            0.0001
        ) as reference_share
    from bins
    left join binned
        on bins.score_bin = binned.score_bin and binned.is_training_day
    group by all

),

days as (

    select distinct
        score_date,
        is_training_day
    from binned

),

daily as (

    select
        days.score_date,
        days.is_training_day,
        bins.score_bin,
        count(binned.score_bin) as bin_count
    from days
    cross join bins
    left join binned
        on
            days.score_date = binned.score_date
            and bins.score_bin = binned.score_bin
    group by all

),

shares as (

    select
        daily.*,
        greatest(
            cast(daily.bin_count as double)
            / sum(daily.bin_count) over (partition by daily.score_date),
            0.0001
        ) as day_share
    from daily

),

drift as (

    select

        -- key
        shares.score_date,

        -- population
        min(shares.is_training_day) as is_reference_day,
        cast(sum(shares.bin_count) as bigint) as scored_customer_count,

        -- drift (rounded: a sum of doubles may differ in its last bits with
        -- the order the threads add the bins in)
        round(sum(
            (shares.day_share - reference.reference_share)
            * ln(shares.day_share / reference.reference_share)
        ), 12) as psi

    from shares

    inner join reference
        on shares.score_bin = reference.score_bin

    group by all

),

final as (

    select
        *,
        psi > {{ var('risk_psi_alert_threshold') }} as is_drift_flagged
    from drift

)

select * from final
