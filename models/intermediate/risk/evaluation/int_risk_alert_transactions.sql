with

alerts as (

    select * from {{ ref('int_risk_alerts') }}

),

transactions as (

    select * from {{ ref('int_risk_transactions') }}

),

-- one row per (alert, evidence transaction)
unnested as (

    select
        alert_id,
        rule_id,
        {{ risk_unnest('evidence_transaction_ids') }} as transaction_id
    from alerts

),

final as (

    select

        -- ids
        unnested.alert_id,
        unnested.rule_id,
        unnested.transaction_id,
        transactions.customer_id,
        transactions.from_account_id,

        -- timestamps
        transactions.transaction_ts,
        transactions.transaction_date

    from unnested

    inner join transactions
        on unnested.transaction_id = transactions.transaction_id

)

select * from final
