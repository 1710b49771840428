-- Detection quality of the alert rules against the simulator's ground truth:
-- per scope (a rule, all typology rules, all rules), typology and evaluation
-- level (transaction, account, customer_day, case). Reads marts only.
select
    p.rule_id,
    case
        when p.rule_id = 'all_rules' then 'All rules'
        when p.rule_id = 'all_typology_rules' then 'All typology rules'
        else coalesce(r.rule_name, p.rule_id)
    end                                  as rule_name,
    case
        when p.rule_id in ('all_rules', 'all_typology_rules') then 'combined'
        else coalesce(r.basis, 'unknown')
    end                                  as basis,
    p.typology,
    p.evaluation_level,
    p.positives,
    p.alerted_count,
    p.true_positives,
    p.false_positives,
    p.false_negatives,
    p.alerted_other_fraud,
    p.precision,
    p.recall,
    p.f1,
    p.cp_at_k,
    p.meets_target
from marts.fct_alert_performance as p
left join marts.dim_alert_rules as r
    on r.rule_id = p.rule_id
order by p.rule_id, p.typology, p.evaluation_level
