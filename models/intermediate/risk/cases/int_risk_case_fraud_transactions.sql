{#- Evaluation only (labels): every labelled fraudulent transaction under
    every way of spending the investigators' capacity
    (int_risk_case_worked_customers), and whether it was caught: a customer
    of the transaction (the initiator or an internal receiver) was worked
    on its day or within var case_detection_window_days after it. Its value
    counts when the money moved (completed, money-moving). -#}

with

labels as (

    select * from {{ ref('stg_core_banking__fraud_labels') }}

),

transactions as (

    select * from {{ ref('int_risk_transactions') }}

),

worked as (

    select * from {{ ref('int_risk_case_worked_customers') }}

),

case_days as (

    select * from {{ ref('int_risk_case_days') }}

),

strategies as (

    select
        strategy_names.strategy,
        capacities.capacity_per_1000_customers,
        capacities.capacity_cases_per_day
    from (
        select distinct
            capacity_per_1000_customers,
            capacity_cases_per_day
        from case_days
    ) as capacities
    cross join (
        values ('case_queue'), ('risk_score_top_k'), ('rules_top_k')
    ) as strategy_names (strategy)

),

fraud as (

    select
        labels.transaction_id,
        labels.case_id as fraud_case_id,
        labels.typology,
        transactions.transaction_date,
        transactions.customer_id,
        transactions.to_customer_id,
        case
            when transactions.is_completed and transactions.is_money_moving
                then transactions.amount
            else 0
        end as amount_vnd
    from labels
    inner join transactions
        on labels.transaction_id = transactions.transaction_id

),

-- the initiator's and the receiver's work apart: each is a hash join on
-- the customer (one join on "either customer" would compare every
-- fraudulent transaction with every customer worked in the window)
caught as (

    {% for party in ['customer_id', 'to_customer_id'] -%}
    select
        worked.strategy,
        worked.capacity_per_1000_customers,
        fraud.transaction_id,
        fraud.fraud_case_id
    from fraud
    inner join worked
        on
            fraud.{{ party }} = worked.customer_id
            and worked.worked_date between fraud.transaction_date
            and fraud.transaction_date
            + {{ var('case_detection_window_days') }}
    {% if not loop.last %}union{% endif %}
    {% endfor %}

),

final as (

    select
        strategies.strategy,
        strategies.capacity_per_1000_customers,
        strategies.capacity_cases_per_day,
        fraud.transaction_id,
        fraud.fraud_case_id,
        fraud.typology,
        fraud.transaction_date,
        fraud.customer_id,
        fraud.to_customer_id,
        fraud.amount_vnd,
        caught.transaction_id is not null as is_caught
    from strategies
    cross join fraud
    left join caught
        on
            strategies.strategy = caught.strategy
            and strategies.capacity_per_1000_customers
            = caught.capacity_per_1000_customers
            and fraud.transaction_id = caught.transaction_id
            and fraud.fraud_case_id = caught.fraud_case_id

)

select * from final
