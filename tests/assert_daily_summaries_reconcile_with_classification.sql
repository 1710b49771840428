-- Every daily summary adds up to the transaction-level classification: per
-- Vietnam-local day, the transaction count, completed count, compliant count,
-- class D count and total amount of fct_daily_account_summary,
-- fct_daily_customer_summary and fct_daily_bank_kpis equal those of
-- fct_transaction_classification. Returns the days (and summary) that differ.

with

classification as (

    select
        transaction_date,
        count(*) as transaction_count,
        sum(case when is_completed then 1 else 0 end) as completed_count,
        sum(case when is_compliant then 1 else 0 end) as compliant_count,
        sum(case when required_auth_level = 'D' then 1 else 0 end)
            as class_d_count,
        sum(amount) as total_amount
    from {{ ref('fct_transaction_classification') }}
    group by all

),

summaries as (

    select
        'fct_daily_account_summary' as summary_name,
        transaction_date,
        sum(transaction_count) as transaction_count,
        sum(completed_count) as completed_count,
        sum(compliant_count) as compliant_count,
        sum(class_d_count) as class_d_count,
        sum(total_amount) as total_amount
    from {{ ref('fct_daily_account_summary') }}
    group by all

    union all

    select
        'fct_daily_customer_summary' as summary_name,
        transaction_date,
        sum(transaction_count) as transaction_count,
        sum(completed_count) as completed_count,
        sum(compliant_count) as compliant_count,
        sum(class_d_count) as class_d_count,
        sum(total_amount) as total_amount
    from {{ ref('fct_daily_customer_summary') }}
    group by all

    union all

    select
        'fct_daily_bank_kpis' as summary_name,
        transaction_date,
        transaction_count,
        completed_count,
        compliant_count,
        class_d_count,
        total_amount
    from {{ ref('fct_daily_bank_kpis') }}

),

summary_names as (

    select distinct summary_name from summaries

),

expected as (

    select
        summary_names.summary_name,
        classification.*
    from classification
    cross join summary_names

),

mismatches as (

    select
        coalesce(expected.summary_name, summaries.summary_name)
            as summary_name,
        coalesce(expected.transaction_date, summaries.transaction_date)
            as transaction_date
    from expected
    full outer join summaries
        on
            expected.summary_name = summaries.summary_name
            and expected.transaction_date = summaries.transaction_date
    where
        expected.transaction_count is distinct from summaries.transaction_count
        or expected.completed_count is distinct from summaries.completed_count
        or expected.compliant_count is distinct from summaries.compliant_count
        or expected.class_d_count is distinct from summaries.class_d_count
        or expected.total_amount is distinct from summaries.total_amount

)

select * from mismatches
