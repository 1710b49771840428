{#-
    One row per labelled fraud case (raw.fraud_labels): what it was, who
    and what it involved (keys only), and whether and when the alert rules
    and the risk score found it. An evaluation mart like
    fct_alert_performance: labels are read here to evaluate, never as a
    rule input. A case is detected by a rule when an alert of that rule
    has one of the case's transactions as evidence (the case level of
    fct_alert_performance); it is detected at the later of the alert's
    time and that transaction's time (an alert that fired earlier, on
    other activity of the same episode, detects the case only once the
    case's transaction has happened).
-#}

with

fraud_labels as (

    select * from {{ ref('stg_core_banking__fraud_labels') }}

),

transactions as (

    select * from {{ ref('int_risk_transactions') }}

),

alert_transactions as (

    select * from {{ ref('int_risk_alert_transactions') }}

),

alerts as (

    select * from {{ ref('int_risk_alerts') }}

),

rules as (

    select * from {{ ref('dim_alert_rules') }}

),

scores as (

    select * from {{ ref('fct_customer_risk_scores') }}

),

case_transactions as (

    select
        fraud_labels.case_id,
        fraud_labels.typology,
        transactions.transaction_id,
        transactions.customer_id,
        transactions.to_customer_id,
        transactions.from_account_id,
        transactions.to_account_internal_id,
        transactions.transaction_ts,
        transactions.transaction_date
    from fraud_labels
    inner join transactions
        on fraud_labels.transaction_id = transactions.transaction_id

),

cases as (

    select
        case_id,
        typology,
        min(transaction_ts) as first_transaction_ts,
        max(transaction_ts) as last_transaction_ts,
        min(transaction_date) as first_transaction_date,
        count(distinct transaction_id) as transaction_count
    from case_transactions
    group by all

),

-- who and what: initiating and receiving customers, source and internal
-- destination accounts
case_customers as (

    select distinct
        case_id,
        customer_id
    from case_transactions
    where customer_id is not null

    union

    select distinct
        case_id,
        to_customer_id as customer_id
    from case_transactions
    where to_customer_id is not null

),

case_accounts as (

    select distinct
        case_id,
        from_account_id as account_id
    from case_transactions
    where from_account_id is not null

    union

    select distinct
        case_id,
        to_account_internal_id as account_id
    from case_transactions
    where to_account_internal_id is not null

),

customer_lists as (

    select
        case_id,
        count(*) as customer_count,
        {{ risk_list_agg('customer_id') }} as customer_ids
    from case_customers
    group by all

),

account_lists as (

    select
        case_id,
        count(*) as account_count,
        {{ risk_list_agg('account_id') }} as account_ids
    from case_accounts
    group by all

),

-- alerts whose evidence includes a transaction of the case
case_alert_hits as (

    select
        case_transactions.case_id,
        case_transactions.typology,
        alert_transactions.rule_id,
        rules.basis,
        rules.target_typology,
        greatest(alerts.alert_ts, case_transactions.transaction_ts)
            as detected_ts
    from case_transactions
    inner join alert_transactions
        on case_transactions.transaction_id = alert_transactions.transaction_id
    inner join alerts
        on alert_transactions.alert_id = alerts.alert_id
    inner join rules
        on alert_transactions.rule_id = rules.rule_id

),

case_rules as (

    select distinct
        case_id,
        rule_id
    from case_alert_hits

),

rule_lists as (

    select
        case_id,
        count(*) as detecting_rule_count,
        {{ risk_list_agg('rule_id') }} as detecting_rule_ids
    from case_rules
    group by all

),

detection as (

    select
        case_id,
        max(case when basis = 'typology' then 1 else 0 end)
            as has_typology_rule_hit,
        max(case when target_typology = typology then 1 else 0 end)
            as has_target_rule_hit,
        min(detected_ts) as first_alert_ts
    from case_alert_hits
    group by all

),

-- the risk score on the days the case's initiators made its transactions
case_scores as (

    select
        case_days.case_id,
        min(scores.risk_rank) as best_risk_rank,
        max(case when scores.is_training_day then 1 else 0 end)
            as has_training_day
    from (
        select distinct
            case_id,
            customer_id,
            transaction_date
        from case_transactions
    ) as case_days
    inner join scores
        on
            case_days.customer_id = scores.customer_id
            and case_days.transaction_date = scores.score_date
    group by all

),

final as (

    select

        -- keys
        cases.case_id,
        cases.typology,

        -- timestamps
        cases.first_transaction_ts,
        cases.last_transaction_ts,
        cases.first_transaction_date,

        -- what the case involved (keys only)
        cast(cases.transaction_count as bigint) as transaction_count,
        cast(coalesce(customer_lists.customer_count, 0) as bigint)
            as customer_count,
        customer_lists.customer_ids,
        cast(coalesce(account_lists.account_count, 0) as bigint)
            as account_count,
        account_lists.account_ids,

        -- alert rules
        coalesce(rule_lists.detecting_rule_count, 0) > 0 as is_detected,
        coalesce(detection.has_typology_rule_hit, 0) = 1
            as is_detected_by_typology_rule,
        coalesce(detection.has_target_rule_hit, 0) = 1
            as is_detected_by_target_rule,
        cast(coalesce(rule_lists.detecting_rule_count, 0) as bigint)
            as detecting_rule_count,
        rule_lists.detecting_rule_ids,
        detection.first_alert_ts,
        {{ risk_seconds_between(
            'cases.first_transaction_ts', 'detection.first_alert_ts'
        ) }} / 60.0 as detection_delay_minutes,

        -- risk score
        case_scores.best_risk_rank,
        coalesce(
            case_scores.best_risk_rank <= {{ var('risk_cp_at_k') }}, false
        ) as is_risk_score_top_k,
        case_scores.has_training_day = 1 as is_in_risk_score_training

    from cases

    left join customer_lists
        on cases.case_id = customer_lists.case_id

    left join account_lists
        on cases.case_id = account_lists.case_id

    left join rule_lists
        on cases.case_id = rule_lists.case_id

    left join detection
        on cases.case_id = detection.case_id

    left join case_scores
        on cases.case_id = case_scores.case_id

)

select * from final
