-- Typology recall by week
--
-- Question: week by week, what share of the injected fraud cases of each
-- typology did the alert rules catch, and how fast? A case is caught when an
-- alert of a typology rule has one of its transactions as evidence, as in
-- marts.fct_fraud_case_detection (the case level of fct_alert_performance,
-- which reports it over the whole history); the week of a case is the ISO
-- week of its first transaction. Ground truth comes from the evaluation mart
-- only (no staging labels).
-- Grain: one row per ISO week and typology.
-- Run: dbt show --select typology_recall_by_week --limit 200

with

cases as (

    select * from {{ ref('fct_fraud_case_detection') }}

),

weekly as (

    select
        cast(date_trunc('week', first_transaction_date) as date)
            as week_start_date,
        typology,
        count(*) as cases,
        sum(case when is_detected_by_typology_rule then 1 else 0 end)
            as caught_cases,
        sum(case when is_detected_by_typology_rule then 0 else 1 end)
            as missed_cases,
        round(
            avg(case when is_detected_by_typology_rule then 1.0 else 0.0 end),
            3
        ) as recall,
        sum(case when is_detected then 1 else 0 end) as alerted_by_any_rule,
        sum(case when is_risk_score_top_k then 1 else 0 end)
            as in_risk_score_top_k,
        round(median(detection_delay_minutes), 1)
            as median_first_alert_delay_minutes
    from cases
    group by all

)

select * from weekly
order by 1, 2
