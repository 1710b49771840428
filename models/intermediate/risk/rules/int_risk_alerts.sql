{#- Every rule's alerts, one row per alert, with the evidence transactions
    (one model per rule: int_risk_alerts__<rule_id>). -#}

with

{% for rule in risk_rule_catalogue() %}
alerts_{{ rule.rule_id }} as (

    select * from {{ ref('int_risk_alerts__' ~ rule.rule_id) }}

),

{% endfor %}
unioned as (

    {% for rule in risk_rule_catalogue() -%}
    select
        alert_id,
        rule_id,
        alert_type,
        severity,
        entity_type,
        transaction_id,
        customer_id,
        account_id,
        alert_ts,
        window_start_ts,
        window_end_ts,
        explanation,
        evidence_transaction_ids
    from alerts_{{ rule.rule_id }}
    {% if not loop.last %}union all{% endif %}
    {% endfor %}

)

select * from unioned
