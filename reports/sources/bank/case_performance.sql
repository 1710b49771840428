-- What the fraud team's capacity buys (marts.fct_case_performance,
-- evaluation only, ground truth): per strategy (the case queue, the risk
-- score alone, the rules alone), capacity per 1,000 customers and typology
-- (and 'all'), the labelled fraud cases caught and the value caught and
-- missed, with the precision of the work on the 'all' rows.
-- is_configured_capacity marks the capacity the case queue runs at (its
-- cases a day equal those of marts.fct_case_queue_daily). Reads marts only.
with configured as (
    select max(capacity_cases_per_day) as capacity_cases_per_day
    from marts.fct_case_queue_daily
)

select
    p.strategy,
    case p.strategy
        when 'case_queue' then 'Case queue'
        when 'risk_score_top_k' then 'Risk score top k'
        when 'rules_top_k' then 'Rules top k'
        else p.strategy
    end                                                    as strategy_label,
    case p.strategy
        when 'case_queue' then 1 when 'risk_score_top_k' then 2 else 3
    end                                                    as strategy_order,
    p.capacity_per_1000_customers,
    case
        when p.capacity_per_1000_customers = floor(p.capacity_per_1000_customers)
            then p.capacity_per_1000_customers::bigint::varchar
        else p.capacity_per_1000_customers::varchar
    end                                                    as capacity_label,
    p.capacity_cases_per_day,
    p.capacity_cases_per_day = cfg.capacity_cases_per_day  as is_configured_capacity,
    p.typology,
    p.is_rule_targeted_typology,
    p.fraud_cases,
    p.caught_cases,
    p.caught_share,
    p.fraud_vnd::double                                    as fraud_vnd,
    p.fraud_vnd_caught::double                             as fraud_vnd_caught,
    p.fraud_vnd_missed::double                             as fraud_vnd_missed,
    p.worked_count,
    p.worked_precision
from marts.fct_case_performance as p
cross join configured as cfg
order by p.capacity_per_1000_customers, strategy_order, p.typology
