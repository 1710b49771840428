{#- Who investigators would look at, per day, under three ways of spending
    the same capacity (cases a day): the case queue (its worked cases), the
    top customers of the risk score alone, and the top customers of the
    rules alone (most severe fraud-queue rule that day, then most alerts).
    One row per strategy, capacity, customer and day worked; the evaluation
    (fct_case_performance) compares them. No labels are read here. -#}

with

case_days as (

    select * from {{ ref('int_risk_case_days') }}

),

scores as (

    -- the champion's scores: the model the bank serves (fct_risk_score_log)
    select
        customer_id,
        score_date,
        score as risk_score
    from {{ ref('int_risk_score_log') }}
    where is_champion

),

alerts as (

    select * from {{ ref('int_risk_case_alerts') }}

),

capacities as (

    select distinct
        capacity_per_1000_customers,
        capacity_cases_per_day
    from case_days

),

case_queue as (

    select
        'case_queue' as strategy,
        capacity_per_1000_customers,
        capacity_cases_per_day,
        customer_id,
        queue_date as worked_date,
        queue_rank as worked_rank
    from case_days
    where status = 'worked'

),

score_ranks as (

    select
        customer_id,
        score_date,
        row_number() over (
            partition by score_date
            order by risk_score desc, customer_id asc
        ) as score_rank
    from scores

),

risk_score_top_k as (

    select
        'risk_score_top_k' as strategy,
        capacities.capacity_per_1000_customers,
        capacities.capacity_cases_per_day,
        score_ranks.customer_id,
        score_ranks.score_date as worked_date,
        score_ranks.score_rank as worked_rank
    from score_ranks
    inner join capacities
        on score_ranks.score_rank <= capacities.capacity_cases_per_day

),

rule_days as (

    select
        customer_id,
        alert_date,
        max(severity_weight) as severity_weight,
        count(*) as alert_count
    from alerts
    group by all

),

rule_ranks as (

    select
        customer_id,
        alert_date,
        row_number() over (
            partition by alert_date
            order by severity_weight desc, alert_count desc, customer_id asc
        ) as rule_rank
    from rule_days

),

rules_top_k as (

    select
        'rules_top_k' as strategy,
        capacities.capacity_per_1000_customers,
        capacities.capacity_cases_per_day,
        rule_ranks.customer_id,
        rule_ranks.alert_date as worked_date,
        rule_ranks.rule_rank as worked_rank
    from rule_ranks
    inner join capacities
        on rule_ranks.rule_rank <= capacities.capacity_cases_per_day

),

final as (

    select * from case_queue
    union all
    select * from risk_score_top_k
    union all
    select * from rules_top_k

)

select * from final
