-- fct_cp_at_k_daily is the per-day CP@k behind both averages: for every
-- evaluation scope and typology, the mean of its daily alert-count rows
-- equals fct_alert_performance.cp_at_k (every level), and every scope has a
-- row for each day of data; the risk-score rows average to
-- fct_model_evaluation.cp_at_k and cp_at_k_attainable, one per held-out
-- day. Returns the scopes (or the model) that differ.

with

daily as (

    select * from {{ ref('fct_cp_at_k_daily') }}

),

performance as (

    select * from {{ ref('fct_alert_performance') }}

),

evaluation as (

    select * from {{ ref('fct_model_evaluation') }}

),

transaction_days as (

    select count(distinct transaction_date) as day_count
    from {{ ref('fct_transactions') }}

),

alert_daily as (

    select
        scope_id,
        typology,
        count(*) as day_count,
        avg(cp_at_k) as mean_cp_at_k
    from daily
    where ranked_by = 'alert_count'
    group by all

),

alert_mismatches as (

    select
        coalesce(alert_daily.scope_id, performance.rule_id) as scope_id,
        coalesce(alert_daily.typology, performance.typology) as typology,
        performance.evaluation_level,
        alert_daily.day_count,
        transaction_days.day_count as expected_day_count,
        alert_daily.mean_cp_at_k,
        performance.cp_at_k as expected_cp_at_k
    from alert_daily
    full outer join performance
        on
            alert_daily.scope_id = performance.rule_id
            and alert_daily.typology = performance.typology
    cross join transaction_days
    where
        alert_daily.scope_id is null
        or performance.rule_id is null
        or alert_daily.day_count != transaction_days.day_count
        or abs(alert_daily.mean_cp_at_k - performance.cp_at_k) > 1e-9

),

score_daily as (

    select
        count(*) as day_count,
        avg(cp_at_k) as mean_cp_at_k,
        avg(cp_at_k_attainable) as mean_cp_at_k_attainable
    from daily
    where ranked_by = 'risk_score'

),

score_mismatches as (

    select
        evaluation.model_name as scope_id,
        'any' as typology,
        cast(null as varchar) as evaluation_level,
        score_daily.day_count,
        evaluation.test_day_count as expected_day_count,
        score_daily.mean_cp_at_k,
        evaluation.cp_at_k as expected_cp_at_k
    from evaluation
    cross join score_daily
    where
        score_daily.day_count != evaluation.test_day_count
        or abs(score_daily.mean_cp_at_k - evaluation.cp_at_k) > 1e-9
        or abs(
            score_daily.mean_cp_at_k_attainable
            - evaluation.cp_at_k_attainable
        ) > 1e-9
        or (score_daily.mean_cp_at_k_attainable is null)
        != (evaluation.cp_at_k_attainable is null)

),

final as (

    select * from alert_mismatches
    union all
    select * from score_mismatches

)

select * from final
