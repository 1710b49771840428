-- Large-value transactions to report (Decision 11/2023/QD-TTg)
--
-- Question: which completed transactions of the period reach the
-- large-value reporting threshold (dbt var risk_large_value_report_vnd,
-- 400,000,000 VND) and must be reported to the Anti-Money Laundering
-- Department of the State Bank?
-- Grain: one row per transaction. Identifiers are internal keys and
-- masked values only; the report itself is filled from the core system.
-- Parameters (dbt vars, inclusive local dates): report_start_date and
-- report_end_date; default: the whole history in the warehouse.
-- Run: dbt show --select large_value_transactions_to_report --limit 500

with

transactions as (

    select * from {{ ref('fct_transactions') }}
    where
        is_completed
        and amount >= {{ var('risk_large_value_report_vnd') }}
        and transaction_date >= cast(
            '{{ var("report_start_date", "1900-01-01") }}' as date
        )
        and transaction_date <= cast(
            '{{ var("report_end_date", "2999-12-31") }}' as date
        )

),

classification as (

    select * from {{ ref('fct_transaction_classification') }}

),

accounts as (

    select * from {{ ref('dim_bank_accounts') }}

),

final as (

    select
        -- ids
        transactions.transaction_id,
        transactions.customer_id,
        transactions.from_account_id,
        accounts.account_number_masked,

        -- timestamps
        transactions.transaction_ts,
        transactions.transaction_date,

        -- attributes
        transactions.customer_type,
        transactions.province_code,
        transactions.transaction_type,
        transactions.channel,
        transactions.counterparty_country,
        classification.transaction_group,
        classification.required_auth_level,
        classification.achieved_auth_level,
        classification.is_compliant,

        -- amounts (VND)
        transactions.amount as amount_vnd

    from transactions
    left join classification
        on transactions.transaction_id = classification.transaction_id
    left join accounts
        on transactions.from_account_id = accounts.account_id

)

-- in time order (transaction_ts, then transaction_id)
select * from final
order by 5, 1
