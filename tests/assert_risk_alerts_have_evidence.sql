{#
    Every risk alert is backed by evidence: at least one evidence
    transaction, each of them a known transaction, and a transaction-level
    alert's own transaction among them. Returns the offending alerts.
#}

with

alerts as (

    select * from {{ ref('int_risk_alerts') }}

),

alert_transactions as (

    select * from {{ ref('int_risk_alert_transactions') }}

),

evidence as (

    select
        alert_id,
        count(*) as evidence_count
    from alert_transactions
    group by all

),

own_transaction as (

    select alerts.alert_id
    from alerts
    inner join alert_transactions
        on
            alerts.alert_id = alert_transactions.alert_id
            and alerts.transaction_id = alert_transactions.transaction_id

),

offending as (

    select
        alerts.alert_id,
        alerts.rule_id,
        coalesce(evidence.evidence_count, 0) as evidence_count,
        alerts.transaction_id
    from alerts
    left join evidence
        on alerts.alert_id = evidence.alert_id
    where
        coalesce(evidence.evidence_count, 0) = 0
        or (
            alerts.transaction_id is not null
            and alerts.alert_id not in (
                select own_transaction.alert_id from own_transaction
            )
        )

)

select * from offending
