-- Distribution of the customer-day risk scores in logarithmic bands, per
-- day, training / held-out and customer type. Reads marts only; aggregated.
select
    s.score_date,
    case when s.is_training_day then 'training' else 'held out' end as period,
    coalesce(c.customer_type, 'unknown')                          as customer_type,
    case
        when s.risk_score < 0.001 then 1
        when s.risk_score < 0.01  then 2
        when s.risk_score < 0.1   then 3
        when s.risk_score < 0.5   then 4
        else 5
    end                                                           as score_band_order,
    case
        when s.risk_score < 0.001 then '< 0.001'
        when s.risk_score < 0.01  then '0.001 – 0.01'
        when s.risk_score < 0.1   then '0.01 – 0.1'
        when s.risk_score < 0.5   then '0.1 – 0.5'
        else '≥ 0.5'
    end                                                           as score_band,
    count(*)::bigint                                              as customer_days,
    avg(s.risk_score)::double                                     as avg_score,
    sum(s.alert_count)::bigint                                    as alerts,
    sum(s.typology_alert_count)::bigint                           as typology_alerts
from marts.fct_customer_risk_scores as s
left join marts.dim_customers as c
    on c.customer_id = s.customer_id
group by all
order by all
