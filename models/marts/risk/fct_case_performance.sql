{#- Evaluation only (labels): what the investigators' capacity buys
    (docs/cases.md). For each way of spending it (the case queue, the top
    customers of the risk score alone, of the rules alone) and each
    capacity simulated: per typology of the ground truth, the share of its
    labelled cases whose customer (initiator or internal receiver) was
    worked within var case_detection_window_days of the case's first
    fraudulent transaction, and the value caught and missed; over all
    typologies, also the precision of the work (a worked customer-day is
    right when the customer has a labelled fraudulent day within the same
    window before it). -#}

with

fraud_cases as (

    select * from {{ ref('fct_fraud_case_detection') }}

),

fraud_transactions as (

    select * from {{ ref('int_risk_case_fraud_transactions') }}

),

worked as (

    select * from {{ ref('int_risk_case_worked_customers') }}

),

fraud_days as (

    select * from {{ ref('int_risk_customer_day_labels') }}

),

strategies as (

    select distinct
        strategy,
        capacity_per_1000_customers,
        capacity_cases_per_day
    from fraud_transactions

),

case_customers as (

    select
        case_id,
        typology,
        first_transaction_date,
        {{ risk_unnest('customer_ids') }} as customer_id
    from fraud_cases

),

caught_cases as (

    select distinct
        worked.strategy,
        worked.capacity_per_1000_customers,
        case_customers.case_id
    from case_customers
    inner join worked
        on
            case_customers.customer_id = worked.customer_id
            and worked.worked_date between case_customers.first_transaction_date
            and case_customers.first_transaction_date
            + {{ var('case_detection_window_days') }}

),

typologies as (

    select distinct typology from fraud_cases
    union all
    select 'all' as typology

),

cases_per_typology as (

    select
        strategies.strategy,
        strategies.capacity_per_1000_customers,
        typologies.typology,
        count(fraud_cases.case_id) as fraud_cases,
        count(caught_cases.case_id) as caught_cases
    from strategies
    cross join typologies
    left join fraud_cases
        on typologies.typology in (fraud_cases.typology, 'all')
    left join caught_cases
        on
            strategies.strategy = caught_cases.strategy
            and strategies.capacity_per_1000_customers
            = caught_cases.capacity_per_1000_customers
            and fraud_cases.case_id = caught_cases.case_id
    group by all

),

value_per_typology as (

    select
        strategies.strategy,
        strategies.capacity_per_1000_customers,
        typologies.typology,
        coalesce(sum(fraud_transactions.amount_vnd), 0) as fraud_vnd,
        coalesce(
            sum(fraud_transactions.amount_vnd) filter (
                where fraud_transactions.is_caught
            ),
            0
        ) as fraud_vnd_caught
    from strategies
    cross join typologies
    left join fraud_transactions
        on
            strategies.strategy = fraud_transactions.strategy
            and strategies.capacity_per_1000_customers
            = fraud_transactions.capacity_per_1000_customers
            and typologies.typology in (fraud_transactions.typology, 'all')
    group by all

),

work_precision as (

    select
        worked.strategy,
        worked.capacity_per_1000_customers,
        count(*) as worked_count,
        count(*) filter (
            where exists (
                select 1 as is_fraud_day
                from fraud_days
                where
                    fraud_days.customer_id = worked.customer_id
                    and fraud_days.score_date between worked.worked_date
                    - {{ var('case_detection_window_days') }}
                    and worked.worked_date
            )
        ) as worked_fraud_count
    from worked
    group by all

),

final as (

    select

        -- grain
        strategies.strategy,
        strategies.capacity_per_1000_customers,
        strategies.capacity_cases_per_day,
        cases_per_typology.typology,
        cases_per_typology.typology in {{ sql_string_list(
            risk_rule_catalogue()
            | selectattr('typology')
            | map(attribute='typology')
            | list
        ) }} as is_rule_targeted_typology,

        -- cases of the ground truth
        cases_per_typology.fraud_cases,
        cases_per_typology.caught_cases,
        cases_per_typology.caught_cases
        / nullif(cases_per_typology.fraud_cases, 0) as caught_share,

        -- value (completed money-moving fraudulent transactions)
        cast(value_per_typology.fraud_vnd as decimal(18, 2)) as fraud_vnd,
        cast(value_per_typology.fraud_vnd_caught as decimal(18, 2))
            as fraud_vnd_caught,
        cast(
            value_per_typology.fraud_vnd - value_per_typology.fraud_vnd_caught
            as decimal(18, 2)
        ) as fraud_vnd_missed,

        -- the work itself (all typologies only)
        case
            when cases_per_typology.typology = 'all'
                then coalesce(work_precision.worked_count, 0)
        end as worked_count,
        case
            when cases_per_typology.typology = 'all'
                then
                    coalesce(work_precision.worked_fraud_count, 0)
                    / nullif(work_precision.worked_count, 0)
        end as worked_precision

    from strategies
    inner join cases_per_typology
        on
            strategies.strategy = cases_per_typology.strategy
            and strategies.capacity_per_1000_customers
            = cases_per_typology.capacity_per_1000_customers
    inner join value_per_typology
        on
            cases_per_typology.strategy = value_per_typology.strategy
            and cases_per_typology.capacity_per_1000_customers
            = value_per_typology.capacity_per_1000_customers
            and cases_per_typology.typology = value_per_typology.typology
    left join work_precision
        on
            strategies.strategy = work_precision.strategy
            and strategies.capacity_per_1000_customers
            = work_precision.capacity_per_1000_customers

)

select * from final
