-- Per raw table: raw rows = clean rows + rejected rows (nothing lost).
with

counts as (

    select
        'banks' as table_name,
        count(*) as raw_rows,
        count(*) filter (
            where {{ dq_reason_count('rejection_reasons') }} = 0
        ) as clean_rows,
        count(*) filter (
            where {{ dq_reason_count('rejection_reasons') }} > 0
        ) as rejected_rows
    from {{ ref('base_core_banking__banks_checked') }}

    union all

    select
        'authentication_methods' as table_name,
        count(*) as raw_rows,
        count(*) filter (
            where {{ dq_reason_count('rejection_reasons') }} = 0
        ) as clean_rows,
        count(*) filter (
            where {{ dq_reason_count('rejection_reasons') }} > 0
        ) as rejected_rows
    from {{ ref('base_core_banking__authentication_methods_checked') }}

    union all

    select
        'other_bank_customers' as table_name,
        count(*) as raw_rows,
        count(*) filter (
            where {{ dq_reason_count('rejection_reasons') }} = 0
        ) as clean_rows,
        count(*) filter (
            where {{ dq_reason_count('rejection_reasons') }} > 0
        ) as rejected_rows
    from {{ ref('base_core_banking__other_bank_customers_checked') }}

    union all

    select
        'other_bank_accounts' as table_name,
        count(*) as raw_rows,
        count(*) filter (
            where {{ dq_reason_count('rejection_reasons') }} = 0
        ) as clean_rows,
        count(*) filter (
            where {{ dq_reason_count('rejection_reasons') }} > 0
        ) as rejected_rows
    from {{ ref('base_core_banking__other_bank_accounts_checked') }}

    union all

    select
        'customers' as table_name,
        count(*) as raw_rows,
        count(*) filter (
            where {{ dq_reason_count('rejection_reasons') }} = 0
        ) as clean_rows,
        count(*) filter (
            where {{ dq_reason_count('rejection_reasons') }} > 0
        ) as rejected_rows
    from {{ ref('base_core_banking__customers_checked') }}

    union all

    select
        'bank_accounts' as table_name,
        count(*) as raw_rows,
        count(*) filter (
            where {{ dq_reason_count('rejection_reasons') }} = 0
        ) as clean_rows,
        count(*) filter (
            where {{ dq_reason_count('rejection_reasons') }} > 0
        ) as rejected_rows
    from {{ ref('base_core_banking__bank_accounts_checked') }}

    union all

    select
        'devices' as table_name,
        count(*) as raw_rows,
        count(*) filter (
            where {{ dq_reason_count('rejection_reasons') }} = 0
        ) as clean_rows,
        count(*) filter (
            where {{ dq_reason_count('rejection_reasons') }} > 0
        ) as rejected_rows
    from {{ ref('base_core_banking__devices_checked') }}

    union all

    select
        'login_events' as table_name,
        count(*) as raw_rows,
        count(*) filter (
            where {{ dq_reason_count('rejection_reasons') }} = 0
        ) as clean_rows,
        count(*) filter (
            where {{ dq_reason_count('rejection_reasons') }} > 0
        ) as rejected_rows
    from {{ ref('base_core_banking__login_events_checked') }}

    union all

    select
        'payment_transactions' as table_name,
        count(*) as raw_rows,
        count(*) filter (
            where {{ dq_reason_count('rejection_reasons') }} = 0
        ) as clean_rows,
        count(*) filter (
            where {{ dq_reason_count('rejection_reasons') }} > 0
        ) as rejected_rows
    from {{ ref('base_core_banking__payment_transactions_checked') }}

    union all

    select
        'authentication_logs' as table_name,
        count(*) as raw_rows,
        count(*) filter (
            where {{ dq_reason_count('rejection_reasons') }} = 0
        ) as clean_rows,
        count(*) filter (
            where {{ dq_reason_count('rejection_reasons') }} > 0
        ) as rejected_rows
    from {{ ref('base_core_banking__authentication_logs_checked') }}

    union all

    select
        'fraud_labels' as table_name,
        count(*) as raw_rows,
        count(*) filter (
            where {{ dq_reason_count('rejection_reasons') }} = 0
        ) as clean_rows,
        count(*) filter (
            where {{ dq_reason_count('rejection_reasons') }} > 0
        ) as rejected_rows
    from {{ ref('base_core_banking__fraud_labels_checked') }}

    union all

    select
        'dq_injected_defects' as table_name,
        count(*) as raw_rows,
        count(*) filter (
            where {{ dq_reason_count('rejection_reasons') }} = 0
        ) as clean_rows,
        count(*) filter (
            where {{ dq_reason_count('rejection_reasons') }} > 0
        ) as rejected_rows
    from {{ ref('base_core_banking__dq_injected_defects_checked') }}

),

final as (

    select
        table_name,
        raw_rows,
        clean_rows,
        rejected_rows,
        raw_rows = clean_rows + rejected_rows as is_reconciled
    from counts

)

select * from final
