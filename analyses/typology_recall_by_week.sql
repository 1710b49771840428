-- Typology recall by week
--
-- Question: week by week, what share of the injected fraud cases of each
-- typology did the alert rules catch? A case is caught when any alert of any
-- typology rule names one of its transactions or covers it (same account or
-- customer, inside the alert's window) - close to the case level of
-- marts.fct_alert_performance, which reports it over the whole history.
-- The week of a case is the ISO week of its first transaction.
-- Ground truth: the marts publish labels only aggregated (no week), so the
-- case labels are read from stg_core_banking__fraud_labels, the simulator's
-- ground truth, exactly as fct_alert_performance does (evaluation only;
-- nothing here feeds detection). Everything else comes from marts.
-- Grain: one row per ISO week and typology.
-- Run: dbt show --select typology_recall_by_week --limit 200

with

fraud_labels as (

    select * from {{ ref('stg_core_banking__fraud_labels') }}

),

transactions as (

    select * from {{ ref('fct_transactions') }}

),

labels as (

    select
        fraud_labels.transaction_id,
        fraud_labels.typology,
        fraud_labels.case_id,
        transactions.customer_id,
        transactions.from_account_id,
        transactions.transaction_ts,
        transactions.transaction_date
    from fraud_labels
    inner join transactions
        on fraud_labels.transaction_id = transactions.transaction_id

),

alerts as (

    select * from {{ ref('fct_risk_alerts') }}

),

rules as (

    select * from {{ ref('dim_alert_rules') }}

),

typology_alerts as (

    select alerts.*
    from alerts
    inner join rules
        on alerts.rule_id = rules.rule_id
    where rules.basis = 'typology'

),

-- a labelled transaction is caught when a typology-rule alert names it, or
-- covers it: same account (or customer) and inside the alert's window
caught_transactions as (

    select distinct labels.transaction_id
    from labels
    inner join typology_alerts
        on
            labels.transaction_id = typology_alerts.transaction_id
            or (
                (
                    labels.from_account_id = typology_alerts.account_id
                    or labels.customer_id = typology_alerts.customer_id
                )
                and labels.transaction_ts
                between typology_alerts.window_start_ts
                and typology_alerts.window_end_ts
            )

),

cases as (

    select
        labels.typology,
        labels.case_id,
        min(labels.transaction_date) as case_start_date,
        max(
            case
                when caught_transactions.transaction_id is not null then 1
                else 0
            end
        ) as is_caught
    from labels
    left join caught_transactions
        on labels.transaction_id = caught_transactions.transaction_id
    group by all

),

weekly as (

    select
        date_trunc('week', case_start_date) as week_start_date,
        typology,
        count(*) as cases,
        sum(is_caught) as caught_cases,
        count(*) - sum(is_caught) as missed_cases,
        round(sum(is_caught) / count(*), 3) as recall
    from cases
    group by all

)

select * from weekly
order by 1, 2
