-- The 20 riskiest customers this week
--
-- Question: which customers should the fraud team look at first? Ranked by
-- their highest daily risk score over the last seven days of data, with the
-- alerts raised on them in the same days and the features of their riskiest
-- day. "This week" is the seven days up to the last scored day in the
-- warehouse (the simulated calendar, not today's date).
-- Grain: one row per customer, 20 rows. Customers by internal key and
-- masked phone only.
-- Parameters (dbt vars): lookback_days (default 7), top_n (default 20).
-- Run: dbt show --select riskiest_customers_this_week

with

scores as (

    select * from {{ ref('fct_customer_risk_scores') }}

),

alerts as (

    select * from {{ ref('fct_risk_alerts') }}

),

customers as (

    select * from {{ ref('dim_customers') }}

),

week as (

    select
        max(score_date) as last_date,
        max(score_date) - {{ var('lookback_days', 7) }} + 1 as first_date
    from scores

),

week_scores as (

    select scores.*
    from scores
    cross join week
    where scores.score_date between week.first_date and week.last_date

),

per_customer as (

    select
        customer_id,
        max(risk_score) as max_risk_score,
        avg(risk_score) as avg_risk_score,
        count(*) as scored_days,
        arg_max(score_date, risk_score) as riskiest_date,
        arg_max(transaction_count, risk_score) as riskiest_day_transactions,
        arg_max(outgoing_amount, risk_score)
            as riskiest_day_outgoing_amount_vnd,
        arg_max(new_payee_share, risk_score) as riskiest_day_new_payee_share,
        arg_max(failed_auth_ratio, risk_score)
            as riskiest_day_failed_auth_ratio
    from week_scores
    group by all

),

week_alerts as (

    select
        alerts.customer_id,
        count(*) as alert_count,
        sum(
            case when alerts.severity in ('critical', 'high') then 1 else 0 end
        ) as critical_or_high_alert_count,
        string_agg(distinct alerts.rule_id, ', ') as alerted_rules
    from alerts
    cross join week
    where alerts.alert_date between week.first_date and week.last_date
    group by all

),

ranked as (

    select
        -- rank
        row_number() over (
            order by
                per_customer.max_risk_score desc,
                per_customer.customer_id asc
        ) as risk_rank,

        -- ids (masked)
        per_customer.customer_id,
        customers.phone_number_masked,

        -- attributes
        customers.customer_type,
        customers.province_name,
        customers.status as customer_status,

        -- score
        per_customer.max_risk_score,
        per_customer.avg_risk_score,
        per_customer.scored_days,
        per_customer.riskiest_date,

        -- features of the riskiest day (amounts in VND)
        per_customer.riskiest_day_transactions,
        per_customer.riskiest_day_outgoing_amount_vnd,
        per_customer.riskiest_day_new_payee_share,
        per_customer.riskiest_day_failed_auth_ratio,

        -- alerts of the week
        coalesce(week_alerts.alert_count, 0) as alert_count,
        coalesce(week_alerts.critical_or_high_alert_count, 0)
            as critical_or_high_alert_count,
        week_alerts.alerted_rules

    from per_customer
    left join customers
        on per_customer.customer_id = customers.customer_id
    left join week_alerts
        on per_customer.customer_id = week_alerts.customer_id

)

select * from ranked
where risk_rank <= {{ var('top_n', 20) }}
order by 1
