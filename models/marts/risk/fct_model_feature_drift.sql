{#-
    Drift of each input of the risk score (var risk_model_features) per day:
    the population stability index of the day's values against the training
    days. Ten bins per feature, cut at the deciles of its training values
    (tied deciles leave empty bins, which count for nothing);
    PSI = sum over bins of (p_day - p_train) * ln(p_day / p_train), each
    share floored at 0.0001 as in fct_score_drift. A day is flagged above
    var risk_psi_alert_threshold.
    The sum runs in bin order: a double sum in whatever order the threads
    meet gives different last bits from run to run.
-#}
{%- set psi -%}
    sum(
        (day_share - reference_share) * ln(day_share / reference_share)
        order by feature_bin
    )
{%- endset %}

with

scores as (

    select * from {{ ref('int_risk_customer_scores') }}

),

features as (

    select * from {{ ref('int_risk_customer_daily_features') }}

),

scored_features as (

    select
        features.*,
        scores.is_training_day
    from features
    inner join scores
        on
            features.customer_id = scores.customer_id
            and features.score_date = scores.score_date

),

feature_values as (

    {% for feature in var('risk_model_features') -%}
    select
        '{{ feature }}' as feature_name,
        score_date,
        is_training_day,
        cast(coalesce({{ feature }}, 0) as double) as feature_value
    from scored_features
    {% if not loop.last %}union all{% endif %}
    {% endfor %}

),

edges as (

    select
        feature_name,
        quantile_cont(
            feature_value, [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9]
        ) as decile_edges
    from feature_values
    where is_training_day
    group by 1

),

binned as (

    select
        feature_values.feature_name,
        feature_values.score_date,
        feature_values.is_training_day,
        0
        {%- for edge in range(1, 10) %}
        + cast(
            feature_values.feature_value > edges.decile_edges[{{ edge }}]
            as integer
        )
        {%- endfor %} as feature_bin
    from feature_values
    inner join edges
        on feature_values.feature_name = edges.feature_name

),

bins as (

    select generate_series as feature_bin
    from generate_series(0, 9)

),

reference as (

    select
        binned.feature_name,
        binned.feature_bin,
        count(*) as bin_count
    from binned
    where binned.is_training_day
    group by all

),

daily as (

    select
        feature_name,
        score_date,
        is_training_day,
        feature_bin,
        count(*) as bin_count
    from binned
    group by all

),

days as (

    select distinct
        feature_name,
        score_date,
        is_training_day
    from daily

),

shares as (

    select
        days.feature_name,
        days.score_date,
        days.is_training_day,
        bins.feature_bin,
        greatest(
            coalesce(daily.bin_count, 0)
            / sum(coalesce(daily.bin_count, 0)) over (
                partition by days.feature_name, days.score_date
            ),
            0.0001
        ) as day_share,
        greatest(
            coalesce(reference.bin_count, 0)
            / sum(coalesce(reference.bin_count, 0)) over (
                partition by days.feature_name, days.score_date
            ),
            0.0001
        ) as reference_share,
        coalesce(daily.bin_count, 0) as bin_count
    from days
    cross join bins
    left join daily
        on
            days.feature_name = daily.feature_name
            and days.score_date = daily.score_date
            and bins.feature_bin = daily.feature_bin
    left join reference
        on
            days.feature_name = reference.feature_name
            and bins.feature_bin = reference.feature_bin

),

final as (

    select
        feature_name,
        score_date,
        is_training_day,
        cast(sum(bin_count) as bigint) as customer_day_count,
        {{ psi }} as psi,
        {{ psi }} > {{ var('risk_psi_alert_threshold') }} as is_drift_flagged
    from shares
    group by all

)

select * from final
