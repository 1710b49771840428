{#- One row per alert rule, rendered from the catalogue
    (macros/risk/risk_rules.sql) and the current values of its dbt vars. -#}

with

rules as (

    {% for rule in risk_rule_catalogue() -%}
    {%- set rendered = [] -%}
    {%- for name in rule.thresholds -%}
    {%- do rendered.append(name ~ '=' ~ (var(name) | string)) -%}
    {%- endfor %}
    select
        '{{ rule.rule_id }}' as rule_id,
        '{{ rule.rule_name | replace("'", "''") }}' as rule_name,
        '{{ rule.alert_type }}' as alert_type,
        '{{ rule.entity }}' as entity_type,
        '{{ rule.severity }}' as severity,
        '{{ rule.basis }}' as basis,
        '{{ rule.queue }}' as queue,
        {% if rule.typology -%}
        '{{ rule.typology }}'
        {%- else -%}
        cast(null as string)
        {%- endif %} as target_typology,
        '{{ rendered | join("; ") | replace("'", "''") }}'  -- noqa: LT05
            as thresholds,
        '{{ rule.description | replace("'", "''") }}' as description
    {% if not loop.last %}union all{% endif %}
    {% endfor %}

)

select * from rules
