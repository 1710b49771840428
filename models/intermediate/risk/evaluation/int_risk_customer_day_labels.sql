{#- Ground truth per customer and day, for training and evaluating the risk
    score only: a customer-day is fraudulent when the customer initiated a
    labelled transaction that day. Never an input of a rule or a feature. -#}

with

fraud_labels as (

    select * from {{ ref('stg_core_banking__fraud_labels') }}

),

transactions as (

    select * from {{ ref('int_risk_transactions') }}

),

final as (

    select distinct
        transactions.customer_id,
        transactions.transaction_date as score_date,
        true as is_fraud
    from fraud_labels
    inner join transactions
        on fraud_labels.transaction_id = transactions.transaction_id

)

select * from final
