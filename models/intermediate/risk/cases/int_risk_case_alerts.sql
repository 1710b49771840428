{#- The fraud queue's alerts (rules of queue 'fraud' in the catalogue,
    macros/risk/risk_rules.sql), one row per alert, with what the case
    queue needs: the day, the rule's severity weight, the typology the rule
    targets and the value at risk (completed money-moving evidence
    transactions, VND). The compliance queue's rules are left to the
    compliance exceptions. -#}

with

alerts as (

    select * from {{ ref('int_risk_alerts') }}
    where rule_id in {{ risk_queue_rule_ids('fraud') }}

),

transactions as (

    select * from {{ ref('int_risk_transactions') }}

),

evidence as (

    select
        alert_id,
        {{ risk_unnest('evidence_transaction_ids') }} as transaction_id
    from alerts

),

at_risk as (

    select
        evidence.alert_id,
        coalesce(
            sum(transactions.amount) filter (
                where transactions.is_completed and transactions.is_money_moving
            ),
            0
        ) as amount_at_risk_vnd
    from evidence
    inner join transactions
        on evidence.transaction_id = transactions.transaction_id
    group by 1

),

final as (

    select
        alerts.alert_id,
        alerts.rule_id,
        alerts.customer_id,
        alerts.alert_ts,
        cast(alerts.alert_ts as date) as alert_date,
        alerts.severity,
        case alerts.severity
            {%- for severity, weight in var('case_severity_weights').items() %}
            when '{{ severity }}' then {{ weight }}
            {%- endfor %}
        end as severity_weight,
        case alerts.rule_id
            {%- for rule in risk_rule_catalogue() if rule.typology %}
            when '{{ rule.rule_id }}' then '{{ rule.typology }}'
            {%- endfor %}
        end as target_typology,
        coalesce(at_risk.amount_at_risk_vnd, 0) as amount_at_risk_vnd
    from alerts
    left join at_risk
        on alerts.alert_id = at_risk.alert_id

)

select * from final
