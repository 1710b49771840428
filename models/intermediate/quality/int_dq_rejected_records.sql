-- One row per rejected raw row and reason, from every table's quarantine
-- (base_core_banking__<table>_checked). Keys only: the rejected values may
-- be personal data and stay in raw, where access is controlled.
with

rejected as (

    select
        'banks' as table_name,
        cast(bank_id as varchar) as record_key,
        key_occurrence,
        rejection_reasons,
        batch_id,
        loaded_at
    from {{ ref('base_core_banking__banks_checked') }}
    where {{ dq_reason_count('rejection_reasons') }} > 0

    union all

    select
        'authentication_methods' as table_name,
        cast(auth_method_id as varchar) as record_key,
        key_occurrence,
        rejection_reasons,
        batch_id,
        loaded_at
    from {{ ref('base_core_banking__authentication_methods_checked') }}
    where {{ dq_reason_count('rejection_reasons') }} > 0

    union all

    select
        'other_bank_customers' as table_name,
        cast(counterparty_id as varchar) as record_key,
        key_occurrence,
        rejection_reasons,
        batch_id,
        loaded_at
    from {{ ref('base_core_banking__other_bank_customers_checked') }}
    where {{ dq_reason_count('rejection_reasons') }} > 0

    union all

    select
        'other_bank_accounts' as table_name,
        cast(external_account_id as varchar) as record_key,
        key_occurrence,
        rejection_reasons,
        batch_id,
        loaded_at
    from {{ ref('base_core_banking__other_bank_accounts_checked') }}
    where {{ dq_reason_count('rejection_reasons') }} > 0

    union all

    select
        'customers' as table_name,
        cast(customer_id as varchar) as record_key,
        key_occurrence,
        rejection_reasons,
        batch_id,
        loaded_at
    from {{ ref('base_core_banking__customers_checked') }}
    where {{ dq_reason_count('rejection_reasons') }} > 0

    union all

    select
        'bank_accounts' as table_name,
        cast(account_id as varchar) as record_key,
        key_occurrence,
        rejection_reasons,
        batch_id,
        loaded_at
    from {{ ref('base_core_banking__bank_accounts_checked') }}
    where {{ dq_reason_count('rejection_reasons') }} > 0

    union all

    select
        'devices' as table_name,
        cast(device_id as varchar) as record_key,
        key_occurrence,
        rejection_reasons,
        batch_id,
        loaded_at
    from {{ ref('base_core_banking__devices_checked') }}
    where {{ dq_reason_count('rejection_reasons') }} > 0

    union all

    select
        'login_events' as table_name,
        cast(login_id as varchar) as record_key,
        key_occurrence,
        rejection_reasons,
        batch_id,
        loaded_at
    from {{ ref('base_core_banking__login_events_checked') }}
    where {{ dq_reason_count('rejection_reasons') }} > 0

    union all

    select
        'payment_transactions' as table_name,
        cast(transaction_id as varchar) as record_key,
        key_occurrence,
        rejection_reasons,
        batch_id,
        loaded_at
    from {{ ref('base_core_banking__payment_transactions_checked') }}
    where {{ dq_reason_count('rejection_reasons') }} > 0

    union all

    select
        'authentication_logs' as table_name,
        cast(auth_log_id as varchar) as record_key,
        key_occurrence,
        rejection_reasons,
        batch_id,
        loaded_at
    from {{ ref('base_core_banking__authentication_logs_checked') }}
    where {{ dq_reason_count('rejection_reasons') }} > 0

    union all

    select
        'fraud_labels' as table_name,
        cast(transaction_id as varchar)
        || '|'
        || cast(typology as varchar)
        || '|'
        || cast(case_id as varchar) as record_key,
        key_occurrence,
        rejection_reasons,
        batch_id,
        loaded_at
    from {{ ref('base_core_banking__fraud_labels_checked') }}
    where {{ dq_reason_count('rejection_reasons') }} > 0

    union all

    select
        'dq_injected_defects' as table_name,
        cast(table_name as varchar)
        || '|'
        || cast(record_key as varchar)
        || '|'
        || cast(defect_type as varchar) as record_key,
        key_occurrence,
        rejection_reasons,
        batch_id,
        loaded_at
    from {{ ref('base_core_banking__dq_injected_defects_checked') }}
    where {{ dq_reason_count('rejection_reasons') }} > 0

),

final as (

    select
        -- ids
        rejected.table_name,
        rejected.record_key,
        rejected.key_occurrence,

        -- reason
        reason.rejection_reason,
        {{ dq_reason_count('rejected.rejection_reasons') }} as reason_count,

        -- load audit
        rejected.batch_id,
        rejected.loaded_at

    from rejected
    cross join
        {{ dq_unnest_reasons('rejected.rejection_reasons') }}
            as reason (rejection_reason)

)

select * from final
