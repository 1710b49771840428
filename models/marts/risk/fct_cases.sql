{#- One row per investigation case of the fraud queue at the configured
    capacity (docs/cases.md): its lifecycle from int_risk_case_days, and
    the alerts it holds (a fraud-queue alert belongs to the case its
    customer has open on the alert's day). -#}

with

case_days as (

    select * from {{ ref('int_risk_case_days') }}
    where is_configured_capacity and case_id is not null

),

alerts as (

    select * from {{ ref('int_risk_case_alerts') }}

),

as_of as (

    select max(queue_date) as as_of_date from case_days

),

lifecycle as (

    select
        case_id,
        any_value(customer_id) as customer_id,
        min(opened_date) as opened_date,
        max(queue_date) filter (where status != 'open') as closed_date,
        arg_max(status, queue_date) as status,
        max(queue_date) filter (where status = 'worked') as worked_date,
        max(queue_rank) filter (where status = 'worked') as worked_rank,
        arg_max(queue_rank, queue_date) as daily_rank,
        arg_max(priority, queue_date) as priority,
        arg_max(risk_score, queue_date) as risk_score,
        any_value(opened_by) as opened_by,
        max(last_alert_date) as last_alert_date,
        max(queue_date) as last_queue_date,
        count(*) as days_in_queue
    from case_days
    group by 1

),

champion_scores as (

    select * from {{ ref('int_risk_score_log') }}
    where is_champion

),

-- the reasons behind the score the priority used: the champion's latest
-- score of the customer on or before the case's last day in the queue
score_reasons as (

    select
        lifecycle.case_id,
        champion_scores.score_date,
        champion_scores.model_version,
        {%- for k in range(1, 4) %}
        champion_scores.reason_{{ k }}_feature,
        champion_scores.reason_{{ k }}_value,
        champion_scores.reason_{{ k }}_contribution
        {%- if not loop.last %},{% endif %}
        {%- endfor %}
    from lifecycle
    asof inner join champion_scores
        on
            lifecycle.customer_id = champion_scores.customer_id
            and lifecycle.last_queue_date >= champion_scores.score_date

),

case_alerts as (

    select
        case_days.case_id,
        alerts.alert_id,
        alerts.rule_id,
        alerts.severity,
        alerts.severity_weight,
        alerts.target_typology,
        alerts.amount_at_risk_vnd
    from alerts
    inner join case_days
        on
            alerts.customer_id = case_days.customer_id
            and alerts.alert_date = case_days.queue_date
            and case_days.alerts_today > 0

),

evidence as (

    select
        case_id,
        count(*) as alert_count,
        list(distinct rule_id order by rule_id) as rule_ids,
        list(distinct target_typology order by target_typology) filter (
            where target_typology is not null
        ) as typology_hints,
        arg_max(severity, severity_weight) as max_severity,
        sum(amount_at_risk_vnd) as amount_at_risk_vnd
    from case_alerts
    group by 1

),

final as (

    select

        -- ids
        lifecycle.case_id,
        lifecycle.customer_id,

        -- lifecycle
        lifecycle.opened_date,
        lifecycle.closed_date,
        lifecycle.status,
        lifecycle.status = 'worked' as is_worked,
        lifecycle.worked_date,
        lifecycle.last_alert_date,
        cast(
            coalesce(lifecycle.closed_date, as_of.as_of_date)
            - lifecycle.opened_date as integer
        ) as age_days,
        cast(lifecycle.days_in_queue as integer) as days_in_queue,

        -- why
        lifecycle.opened_by,
        coalesce(evidence.rule_ids, []) as rule_ids,
        coalesce(evidence.typology_hints, []) as typology_hints,
        evidence.max_severity,
        cast(coalesce(evidence.alert_count, 0) as integer) as alert_count,
        cast(coalesce(evidence.amount_at_risk_vnd, 0) as decimal(18, 2))
            as amount_at_risk_vnd,

        -- priority
        lifecycle.risk_score,
        lifecycle.priority,
        cast(lifecycle.daily_rank as integer) as daily_rank,
        cast(lifecycle.worked_rank as integer) as worked_rank,

        -- the champion score's reasons (fct_risk_score_log)
        score_reasons.score_date as risk_score_date,
        score_reasons.model_version as risk_model_version,
        {%- for k in range(1, 4) %}
        score_reasons.reason_{{ k }}_feature,
        score_reasons.reason_{{ k }}_value,
        score_reasons.reason_{{ k }}_contribution
        {%- if not loop.last %},{% endif %}
        {%- endfor %}

    from lifecycle
    left join evidence
        on lifecycle.case_id = evidence.case_id
    left join score_reasons
        on lifecycle.case_id = score_reasons.case_id
    cross join as_of

)

select * from final
