{#-
    The detection counts and rates behind fct_alert_performance, per scope
    (int_risk_evaluation_scopes), target typology and evaluation level:
    each rule against its target typology ('any' fraud for rules that
    target none), all_typology_rules against each labelled typology,
    all_rules against any fraud. Labels are read here (evaluation only),
    never by a rule. Kept apart from the risk score: the mart adds CP@k,
    which needs the scores, and this part builds while they train.
-#}

with

alert_transactions as (

    select * from {{ ref('int_risk_alert_transactions') }}

),

transactions as (

    select * from {{ ref('int_risk_transactions') }}

),

fraud_labels as (

    select * from {{ ref('stg_core_banking__fraud_labels') }}

),

-- which rules' alerts each evaluated scope takes, against which typology
scopes as (

    select * from {{ ref('int_risk_evaluation_scopes') }}

),

scope_pairs as (

    select distinct
        scope_id,
        target_typology
    from scopes

),

levels_list as (

    select 'transaction' as evaluation_level
    union all
    select 'account' as evaluation_level
    union all
    select 'customer_day' as evaluation_level

),

-- labelled items per level (a transaction may carry one label)
labelled_transactions as (

    select
        fraud_labels.transaction_id,
        fraud_labels.typology,
        fraud_labels.case_id,
        transactions.from_account_id,
        transactions.customer_id,
        transactions.transaction_date
    from fraud_labels
    inner join transactions
        on fraud_labels.transaction_id = transactions.transaction_id

),

labelled_items as (

    select distinct
        'transaction' as evaluation_level,
        cast(transaction_id as string) as item_key,
        typology
    from labelled_transactions

    union all

    select distinct
        'account' as evaluation_level,
        cast(from_account_id as string) as item_key,
        typology
    from labelled_transactions

    union all

    select distinct
        'customer_day' as evaluation_level,
        cast(customer_id as string) || '|'
        || cast(transaction_date as string) as item_key,
        typology
    from labelled_transactions

),

alerted_items as (

    select distinct
        scopes.scope_id,
        scopes.target_typology,
        levels.evaluation_level,
        case levels.evaluation_level
            when 'transaction'
                then cast(alert_transactions.transaction_id as string)
            when 'account'
                then cast(alert_transactions.from_account_id as string)
            else
                cast(alert_transactions.customer_id as string) || '|'
                || cast(alert_transactions.transaction_date as string)
        end as item_key
    from alert_transactions
    inner join scopes
        on alert_transactions.rule_id = scopes.member_rule_id
    cross join levels_list as levels

),

-- per alerted item: is it the target typology, or another fraud?
alerted_labelled as (

    select
        alerted_items.scope_id,
        alerted_items.target_typology,
        alerted_items.evaluation_level,
        alerted_items.item_key,
        max(
            case
                when {{ risk_typology_counts_for(
                    'labelled_items.typology', 'alerted_items.target_typology'
                ) }}
                    then 1
                else 0
            end
        ) as is_target,
        max(case when labelled_items.typology is not null then 1 else 0 end)
            as is_fraud
    from alerted_items
    left join labelled_items
        on
            alerted_items.evaluation_level = labelled_items.evaluation_level
            and alerted_items.item_key = labelled_items.item_key
    group by all

),

alerted_counts as (

    select
        scope_id,
        target_typology,
        evaluation_level,
        count(*) as alerted_count,
        sum(is_target) as true_positives,
        sum(is_fraud - is_target) as alerted_other_fraud
    from alerted_labelled
    group by all

),

positive_counts as (

    select
        scope_pairs.scope_id,
        scope_pairs.target_typology,
        levels.evaluation_level,
        count(distinct labelled_items.item_key) as positives
    from scope_pairs
    cross join levels_list as levels
    left join labelled_items
        on
            levels.evaluation_level = labelled_items.evaluation_level
            and {{ risk_typology_counts_for(
                'labelled_items.typology', 'scope_pairs.target_typology'
            ) }}
    group by all

),

scope_transactions as (

    select distinct
        scopes.scope_id,
        alert_transactions.transaction_id
    from alert_transactions
    inner join scopes
        on alert_transactions.rule_id = scopes.member_rule_id

),

-- case level: a case is detected when any of its transactions is alerted;
-- an alert is a false positive when none of its transactions is of the
-- target typology
case_detection as (

    select
        scopes.scope_id,
        scopes.target_typology,
        count(distinct labelled_transactions.case_id) as positives,
        count(distinct case
            when alert_transactions.transaction_id is not null
                then labelled_transactions.case_id
        end) as true_positives
    from scope_pairs as scopes
    left join labelled_transactions
        on {{ risk_typology_counts_for(
            'labelled_transactions.typology', 'scopes.target_typology'
        ) }}
    left join scope_transactions as alert_transactions
        on
            scopes.scope_id = alert_transactions.scope_id
            and labelled_transactions.transaction_id
            = alert_transactions.transaction_id
    group by all

),

alert_hits as (

    select
        scopes.scope_id,
        scopes.target_typology,
        alert_transactions.alert_id,
        max(
            case
                when {{ risk_typology_counts_for(
                    'labelled_transactions.typology', 'scopes.target_typology'
                ) }}
                    then 1
                else 0
            end
        ) as is_hit,
        max(
            case
                when labelled_transactions.typology is not null then 1 else 0
            end
        ) as is_fraud
    from alert_transactions
    inner join scopes
        on alert_transactions.rule_id = scopes.member_rule_id
    left join labelled_transactions
        on
            alert_transactions.transaction_id
            = labelled_transactions.transaction_id
    group by all

),

case_alerts as (

    select
        scope_id,
        target_typology,
        count(*) as alerted_count,
        count(*) - sum(is_hit) as false_positives,
        sum(is_fraud - is_hit) as alerted_other_fraud
    from alert_hits
    group by all

),

item_levels as (

    select
        positive_counts.scope_id,
        positive_counts.target_typology,
        positive_counts.evaluation_level,
        positive_counts.positives,
        coalesce(alerted_counts.alerted_count, 0) as alerted_count,
        coalesce(alerted_counts.true_positives, 0) as true_positives,
        coalesce(alerted_counts.alerted_count, 0)
        - coalesce(alerted_counts.true_positives, 0) as false_positives,
        coalesce(alerted_counts.alerted_other_fraud, 0) as alerted_other_fraud
    from positive_counts
    left join alerted_counts
        on
            positive_counts.scope_id = alerted_counts.scope_id
            and positive_counts.target_typology = alerted_counts.target_typology
            and positive_counts.evaluation_level
            = alerted_counts.evaluation_level

),

case_level as (

    select
        case_detection.scope_id,
        case_detection.target_typology,
        'case' as evaluation_level,
        case_detection.positives,
        coalesce(case_alerts.alerted_count, 0) as alerted_count,
        case_detection.true_positives,
        coalesce(case_alerts.false_positives, 0) as false_positives,
        coalesce(case_alerts.alerted_other_fraud, 0) as alerted_other_fraud
    from case_detection
    left join case_alerts
        on
            case_detection.scope_id = case_alerts.scope_id
            and case_detection.target_typology = case_alerts.target_typology

),

levels as (

    select * from item_levels
    union all
    select * from case_level

),

measured as (

    select
        levels.*,
        levels.positives - levels.true_positives as false_negatives,
        -- case level: precision is the share of alerts that touch a case of
        -- the target typology
        case
            when levels.evaluation_level = 'case' and levels.alerted_count > 0
                then
                    cast(
                        levels.alerted_count - levels.false_positives as double
                    )
                    / levels.alerted_count
            when levels.evaluation_level != 'case' and levels.alerted_count > 0
                then
                    cast(levels.true_positives as double) / levels.alerted_count
        end as precision,  -- noqa: RF04
        case
            when levels.positives > 0
                then cast(levels.true_positives as double) / levels.positives
        end as recall
    from levels

),

final as (

    select * from measured

)

select * from final
