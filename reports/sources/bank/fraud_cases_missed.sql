-- The fraud cases no typology rule found, one row each (the 1,000 latest),
-- for review by hand: typology, period, size, the customers and accounts
-- involved by internal key only, the other rules that alerted and the risk
-- score's best rank. Evaluation only (ground truth). Reads marts only.
select
    case_id,
    typology,
    first_transaction_ts,
    last_transaction_ts,
    first_transaction_date,
    transaction_count,
    customer_count,
    array_to_string(customer_ids, ', ')          as customer_keys,
    account_count,
    array_to_string(account_ids, ', ')           as account_keys,
    is_detected,
    coalesce(array_to_string(detecting_rule_ids, ', '), '')
                                                 as alerting_rules,
    first_alert_ts,
    detection_delay_minutes,
    best_risk_rank,
    is_risk_score_top_k,
    is_in_risk_score_training
from marts.fct_fraud_case_detection
where not is_detected_by_typology_rule
order by first_transaction_ts desc, case_id
limit 1000
