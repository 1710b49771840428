-- The bank's models (trained on what the bank knew) beside the reference
-- trained on perfect labels, on the same held-out days, against the ground
-- truth (marts.fct_risk_model_comparison). Reads marts only; three rows.
select
    model_role,
    trained_on,
    test_start_date,
    test_end_date,
    test_day_count,
    test_customer_day_count,
    test_positive_count,
    auc,
    average_precision,
    cp_k,
    cp_at_k,
    case model_role
        when 'champion' then 1 when 'challenger' then 2 else 3
    end as role_order
from marts.fct_risk_model_comparison
order by role_order
