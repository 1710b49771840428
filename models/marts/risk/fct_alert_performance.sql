{#-
    Detection quality of the alert rules against the simulator's ground
    truth: the counts and rates of int_risk_alert_performance, with F1,
    CP@k (the average of the per-day values of fct_cp_at_k_daily) and
    whether the target is met.
-#}

with

performance as (

    select * from {{ ref('int_risk_alert_performance') }}

),

cp_at_k_daily as (

    select * from {{ ref('fct_cp_at_k_daily') }}

),

-- CP@k: the per-day values of the scope, averaged over the days of data
-- (each day's value is its fraudulent top-k customers / k: the mean is one
-- integer sum divided once, so it is the same whatever order the days are
-- added in)
cp_at_k as (

    select
        scope_id,
        typology as target_typology,
        cast(sum(top_k_fraud_customer_count) as double)
        / (count(*) * max(cp_k)) as cp_at_k
    from cp_at_k_daily
    where ranked_by = 'alert_count'
    group by all

),

final as (

    select

        -- keys
        performance.scope_id as rule_id,
        performance.target_typology as typology,
        performance.evaluation_level,

        -- counts
        cast(performance.positives as bigint) as positives,
        cast(performance.alerted_count as bigint) as alerted_count,
        cast(performance.true_positives as bigint) as true_positives,
        cast(performance.false_positives as bigint) as false_positives,
        cast(performance.false_negatives as bigint) as false_negatives,
        cast(performance.alerted_other_fraud as bigint) as alerted_other_fraud,

        -- rates
        performance.precision,  -- noqa: RF04
        performance.recall,
        case
            when performance.precision + performance.recall > 0
                then
                    2 * performance.precision * performance.recall
                    / (performance.precision + performance.recall)
        end as f1,
        cp_at_k.cp_at_k,
        coalesce(
            performance.recall >= {{ var('risk_target_recall') }}
            and performance.precision >= {{ var('risk_target_precision') }},
            false
        ) as meets_target

    from performance

    left join cp_at_k
        on
            performance.scope_id = cp_at_k.scope_id
            and performance.target_typology = cp_at_k.target_typology

)

select * from final
