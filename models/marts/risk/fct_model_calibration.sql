{#-
    Calibration of the risk scores against the ground truth (evaluation
    only): the reference score on its training days and on its held-out
    days apart, and the bank's champion (fct_risk_score_log) on the days it
    served, every one out of sample: per ten
    fixed score bins of width 0.1 (as fct_score_drift), the customer-days,
    the mean score and the observed fraud rate (a calibrated score has
    them equal), and the period's Brier score, the mean of
    (score - outcome)^2 over its customer-days.
-#}

with

scores as (

    select
        case when is_training_day then 'training' else 'held_out' end
            as period,
        customer_id,
        score_date,
        risk_score
    from {{ ref('fct_customer_risk_scores') }}

    union all

    select
        'champion' as period,
        customer_id,
        score_date,
        score as risk_score
    from {{ ref('int_risk_score_log') }}
    where is_champion

),

labels as (

    select * from {{ ref('int_risk_customer_day_labels') }}

),

outcomes as (

    select
        scores.period,
        least(cast(floor(scores.risk_score * 10) as integer), 9) as score_bin,
        scores.customer_id,
        scores.score_date,
        scores.risk_score,
        cast(labels.customer_id is not null as integer) as outcome
    from scores
    left join labels
        on
            scores.customer_id = labels.customer_id
            and scores.score_date = labels.score_date

),

periods as (

    select
        period,
        -- in a fixed order: a double sum in whatever order the threads
        -- meet gives different last bits from run to run
        avg(power(risk_score - outcome, 2) order by customer_id, score_date)
            as brier_score,
        avg(outcome) as period_fraud_rate
    from outcomes
    group by 1

),

bins as (

    select
        period,
        score_bin,
        count(*) as customer_day_count,
        avg(risk_score order by customer_id, score_date) as mean_score,
        avg(outcome) as fraud_rate
    from outcomes
    group by all

),

final as (

    select
        bins.period,
        bins.score_bin,
        cast(bins.score_bin / 10 as double) as bin_lower_score,
        cast((bins.score_bin + 1) / 10 as double) as bin_upper_score,
        bins.customer_day_count,
        bins.mean_score,
        bins.fraud_rate,
        bins.fraud_rate - bins.mean_score as calibration_gap,
        periods.brier_score as period_brier_score,
        periods.period_fraud_rate
    from bins
    inner join periods
        on bins.period = periods.period

)

select * from final
