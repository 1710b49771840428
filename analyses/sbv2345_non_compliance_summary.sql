-- SBV 2345 non-compliance summary for the regulator
--
-- Question: in the reporting period, how many transactions of each SBV
-- Decision 2345 / Circular 50 group did not meet their required
-- authentication class or biometric rule, why, and for how much money?
-- Grain: one row per customer type x transaction group x reason, with the
-- group's totals alongside so that shares can be quoted directly.
-- Parameters (dbt vars, inclusive local dates): report_start_date and
-- report_end_date; default: the whole history in the warehouse.
-- Run: dbt show --select sbv2345_non_compliance_summary --limit 100
--      --vars '{report_start_date: 2026-10-01, report_end_date: 2026-10-31}'

with

classification as (

    select * from {{ ref('fct_transaction_classification') }}
    where
        transaction_date >= cast(
            '{{ var("report_start_date", "1900-01-01") }}' as date
        )
        and transaction_date <= cast(
            '{{ var("report_end_date", "2999-12-31") }}' as date
        )

),

group_totals as (

    select
        coalesce(customer_type, 'unknown') as customer_type,
        coalesce(transaction_group, 'unclassified') as transaction_group,
        count(*) as group_transactions,
        sum(case when is_completed then amount else 0 end)
            as group_completed_amount_vnd
    from classification
    group by all

),

non_compliant as (

    select
        coalesce(customer_type, 'unknown') as customer_type,
        coalesce(transaction_group, 'unclassified') as transaction_group,
        non_compliance_reason,
        count(*) as non_compliant_transactions,
        sum(case when is_completed then 1 else 0 end)
            as non_compliant_completed,
        sum(case when is_completed then amount else 0 end)
            as non_compliant_completed_amount_vnd,
        count(distinct customer_id) as customers,
        min(transaction_date) as first_date,
        max(transaction_date) as last_date
    from classification
    where not is_compliant
    group by all

),

final as (

    select
        -- slice
        non_compliant.customer_type,
        non_compliant.transaction_group,
        non_compliant.non_compliance_reason,

        -- counts
        non_compliant.non_compliant_transactions,
        non_compliant.non_compliant_completed,
        non_compliant.customers,
        group_totals.group_transactions,
        round(
            non_compliant.non_compliant_transactions
            / group_totals.group_transactions,
            4
        ) as share_of_group_transactions,

        -- amounts (VND)
        non_compliant.non_compliant_completed_amount_vnd,
        group_totals.group_completed_amount_vnd,

        -- dates
        non_compliant.first_date,
        non_compliant.last_date

    from non_compliant
    inner join group_totals
        on
            non_compliant.customer_type = group_totals.customer_type
            and non_compliant.transaction_group
            = group_totals.transaction_group

)

-- customer type, group, then the most frequent reason first
select * from final
order by 1, 2, 4 desc
