-- fct_fraud_case_detection and the case level of fct_alert_performance count
-- the same cases and the same detections: per typology, the cases and those
-- detected by a typology rule equal all_typology_rules' positives and true
-- positives; per typology rule, the cases of its typology detected by it
-- equal the rule's own; and all cases, and those detected by any rule,
-- equal all_rules' against any fraud. Returns the scopes that differ.

with

cases as (

    select * from {{ ref('fct_fraud_case_detection') }}

),

rules as (

    select * from {{ ref('dim_alert_rules') }}

),

typology_rules as (

    select rule_id from rules
    where basis = 'typology'

),

performance as (

    select * from {{ ref('fct_alert_performance') }}
    where
        evaluation_level = 'case'
        and (
            rule_id in ('all_typology_rules', 'all_rules')
            or rule_id in (select typology_rules.rule_id from typology_rules)
        )

),

from_cases as (

    select
        'all_typology_rules' as rule_id,
        typology,
        count(*) as positives,
        sum(case when is_detected_by_typology_rule then 1 else 0 end)
            as true_positives
    from cases
    group by all

    union all

    select
        rules.rule_id,
        rules.target_typology as typology,
        count(cases.case_id) as positives,
        sum(case when cases.is_detected_by_target_rule then 1 else 0 end)
            as true_positives
    from rules
    left join cases
        on rules.target_typology = cases.typology
    where rules.basis = 'typology'
    group by all

    union all

    select
        'all_rules' as rule_id,
        'any' as typology,
        count(*) as positives,
        sum(case when is_detected then 1 else 0 end) as true_positives
    from cases

),

final as (

    select
        coalesce(from_cases.rule_id, performance.rule_id) as rule_id,
        coalesce(from_cases.typology, performance.typology) as typology,
        from_cases.positives,
        performance.positives as expected_positives,
        from_cases.true_positives,
        performance.true_positives as expected_true_positives
    from from_cases
    full outer join performance
        on
            from_cases.rule_id = performance.rule_id
            and from_cases.typology = performance.typology
    where
        coalesce(from_cases.positives, 0)
        != coalesce(performance.positives, 0)
        or coalesce(from_cases.true_positives, 0)
        != coalesce(performance.true_positives, 0)

)

select * from final
