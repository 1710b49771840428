-- CP@k per day (k = dbt var risk_cp_at_k): per evaluation scope (a rule
-- against its typology, all typology rules against each typology, all rules
-- against any fraud) with customers ranked by alerts, and the risk score on
-- its held-out days. Evaluation only. Reads marts only.
select
    d.ranked_by,
    d.scope_id,
    case
        when d.scope_id = 'all_rules' then 'All rules (by alerts)'
        when d.scope_id = 'all_typology_rules' then 'All typology rules (by alerts)'
        when d.ranked_by = 'risk_score' then 'Risk score (held-out days)'
        else coalesce(r.rule_name, d.scope_id)
    end                                  as scope_label,
    case
        when d.scope_id = 'all_typology_rules' then 1
        when d.scope_id = 'all_rules' then 2
        when d.ranked_by = 'risk_score' then 3
        when r.basis = 'typology' then 4
        else 5
    end                                  as scope_order,
    d.typology,
    d.cp_date,
    d.cp_k,
    d.ranked_customer_count,
    d.top_k_fraud_customer_count,
    d.fraud_customer_count,
    d.cp_at_k,
    d.max_cp_at_k,
    d.cp_at_k_attainable
from marts.fct_cp_at_k_daily as d
left join marts.dim_alert_rules as r
    on r.rule_id = d.scope_id
order by scope_order, d.scope_id, d.typology, d.cp_date
