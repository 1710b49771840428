-- The 20 highest risk scores of every day with the features behind them
-- (bounded: 20 x days rows). Customers by internal key and masked phone
-- only. Reads marts only.
select
    s.score_date,
    s.risk_rank,
    s.customer_id,
    coalesce(c.phone_number_masked, 'n/a')  as phone_masked,
    coalesce(c.customer_type, 'unknown')    as customer_type,
    coalesce(c.province_code, 'unknown')    as province_code,
    s.risk_score,
    s.transaction_count,
    s.outgoing_amount::double               as outgoing_amount_vnd,
    s.max_window_transaction_count,
    s.new_device_share,
    s.new_payee_share,
    s.amount_deviation,
    s.night_share,
    s.failed_auth_ratio,
    s.incoming_sender_count,
    s.alert_count,
    s.typology_alert_count,
    s.is_training_day
from marts.fct_customer_risk_scores as s
left join marts.dim_customers as c
    on c.customer_id = s.customer_id
where s.risk_rank <= 20
order by s.score_date, s.risk_rank
