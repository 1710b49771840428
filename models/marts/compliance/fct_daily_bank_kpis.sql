{{
    config(
        materialized='incremental',
        incremental_strategy=partition_replace_strategy(),
        unique_key='transaction_date',
        partition_by=engine_partition_by(['transaction_date']),
        on_schema_change='append_new_columns',
    )
}}

{#- A roll-up of the customer-day summary (each customer-day counts its own
    accounts, and an account has one owner). -#}

with

customer_days as (

    select * from {{ ref('fct_daily_customer_summary') }}
    {%- if is_incremental() %}
        where transaction_date in {{ changed_partitions(
            ref('fct_daily_customer_summary'),
            this,
            'transaction_date',
            ['max(classified_at)'],
        ) }}
    {%- endif %}

),

summarised as (

    select

        -- grain
        transaction_date,

        -- activity
        count(*) as active_customer_count,
        cast(sum(account_count) as bigint) as active_account_count,

        {{ sbv2345_daily_measures_rollup() }}

    from customer_days
    group by 1

),

final as (

    select
        *,
        -- share of the day's transactions that met their required class and
        -- biometric rule
        cast(compliant_count as double)
        / transaction_count
            as compliance_rate
    from summarised

)

select * from final
