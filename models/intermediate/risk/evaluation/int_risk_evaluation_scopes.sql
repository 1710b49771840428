{#-
    The scopes in which alerts are evaluated against the ground truth (one
    place for fct_alert_performance and fct_cp_at_k_daily): each rule
    against its target typology ('any' fraud for rules that target none);
    all_typology_rules (the union of the typology rules' alerts) against
    each labelled or targeted typology; all_rules against any fraud. Rules
    come from the catalogue (macros/risk/risk_rules.sql); labels are read
    only for the typologies present (evaluation only, never a rule input).
-#}

with

fraud_labels as (

    select * from {{ ref('stg_core_banking__fraud_labels') }}

),

rules as (

    {% for rule in risk_rule_catalogue() -%}
    select
        '{{ rule.rule_id }}' as rule_id,
        '{{ rule.basis }}' as basis,
        {% if rule.typology -%}
        '{{ rule.typology }}'
        {%- else -%}
        cast(null as string)
        {%- endif %} as target_typology
    {% if not loop.last %}union all{% endif %}
    {% endfor %}

),

typologies as (

    select distinct typology from fraud_labels
    union
    select target_typology as typology from rules
    where target_typology is not null

),

scopes as (

    select
        rule_id as scope_id,
        rule_id as member_rule_id,
        coalesce(target_typology, 'any') as target_typology
    from rules

    union all

    select
        'all_typology_rules' as scope_id,
        rules.rule_id as member_rule_id,
        typologies.typology as target_typology
    from rules
    cross join typologies
    where rules.basis = 'typology'

    union all

    select
        'all_rules' as scope_id,
        rule_id as member_rule_id,
        'any' as target_typology
    from rules

),

final as (

    select

        -- keys
        scope_id,
        target_typology,
        member_rule_id

    from scopes

)

select * from final
