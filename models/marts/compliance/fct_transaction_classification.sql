{{
    config(
        meta={'latest_load_column': 'classified_at'},
        materialized='incremental',
        incremental_strategy=partition_replace_strategy(),
        unique_key='transaction_date',
        partition_by=engine_partition_by(['transaction_date']),
        on_schema_change='append_new_columns',
    )
}}
{#- the text type of this engine (string on Spark, varchar on DuckDB) -#}
{%- set text = dbt.type_string() %}

with

classified as (

    select * from {{ ref('int_transactions_classified') }}
    {%- if is_incremental() %}
        -- only the days the classification (re)computed since this table
        -- last took them
        where transaction_date in {{ changed_partitions(
            ref('int_transactions_classified'),
            this,
            'transaction_date',
            ['max(classified_at)'],
        ) }}
    {%- endif %}

),

account_history as (

    select * from {{ ref('int_bank_accounts_historized') }}

),

device_history as (

    select * from {{ ref('int_devices_historized') }}

),

final as (

    select

        -- ids
        classified.transaction_id,
        classified.customer_id,
        classified.from_account_id,
        classified.device_id,

        -- timestamps
        classified.transaction_ts,
        classified.transaction_date,

        -- attributes (ENUMs upstream: the contract says string)
        cast(classified.transaction_type as {{ text }}) as transaction_type,
        cast(classified.status as {{ text }}) as status,
        classified.is_completed,
        cast(classified.customer_type as {{ text }}) as customer_type,
        cast(classified.transaction_group as {{ text }}) as transaction_group,

        -- amounts (VND)
        classified.amount,
        classified.daily_group_total_before,
        classified.tksth_before,

        -- classification
        cast(classified.required_auth_level as {{ text }})
            as required_auth_level,
        cast(classified.achieved_auth_level as {{ text }})
            as achieved_auth_level,
        classified.requires_biometric,
        classified.has_biometric_auth,
        classified.is_new_device_transaction,
        classified.is_compliant,
        classified.non_compliance_reason,

        -- context at transaction time (SCD2 snapshots)
        account_history.status as account_status_at_transaction,
        device_history.is_trusted as is_device_trusted_at_transaction,

        -- load audit
        classified.transaction_batch_id,
        classified.auth_batch_id,
        classified.classified_at

    from classified

    left join account_history
        on
            classified.from_account_id = account_history.account_id
            and {{ scd_valid_at(
                'account_history', 'classified.transaction_ts'
            ) }}

    left join device_history
        on
            classified.device_id = device_history.device_id
            and {{ scd_valid_at(
                'device_history', 'classified.transaction_ts'
            ) }}

)

select * from final
