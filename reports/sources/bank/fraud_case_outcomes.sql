-- Labelled fraud cases per typology, day of the first transaction and
-- outcome: found by a typology rule, alerted only by other (regulation or
-- case-study) rules, or not alerted at all; with how many the risk score put
-- in the day's top k and the delay to the first alert. Evaluation only
-- (ground truth). Reads marts only.
select
    typology,
    first_transaction_date,
    case
        when is_detected_by_typology_rule then 'typology rule'
        when is_detected then 'other rules only'
        else 'no alert'
    end                                          as outcome,
    case
        when is_detected_by_typology_rule then 1
        when is_detected then 2
        else 3
    end                                          as outcome_order,
    count(*)::bigint                             as cases,
    sum(transaction_count)::bigint               as transactions,
    count(*) filter (where is_detected_by_target_rule)::bigint
                                                 as target_rule_cases,
    count(*) filter (where is_risk_score_top_k)::bigint
                                                 as risk_score_top_k_cases,
    count(*) filter (where is_detected)::bigint  as alerted_cases,
    coalesce(sum(detection_delay_minutes), 0)    as delay_minutes_sum
from marts.fct_fraud_case_detection
group by all
order by typology, first_transaction_date, outcome_order
