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

{#- A roll-up of the account-day summary: an account has one owner (the
    quarantine rejects a transaction whose customer does not own its source
    account), so a customer-day is the sum of its account-days. -#}

with

account_days as (

    select * from {{ ref('fct_daily_account_summary') }}
    {%- if is_incremental() %}
        where transaction_date in {{ changed_partitions(
            ref('fct_daily_account_summary'),
            this,
            'transaction_date',
            ['max(classified_at)'],
        ) }}
    {%- endif %}

),

summarised as (

    select

        -- grain
        customer_id,
        transaction_date,

        -- attributes
        max(customer_type) as customer_type,
        count(*) as account_count,

        {{ sbv2345_daily_measures_rollup() }}

    from account_days
    group by 1, 2

)

select * from summarised
