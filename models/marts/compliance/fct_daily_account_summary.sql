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

with

classification as (

    select * from {{ ref('fct_transaction_classification') }}
    {%- if is_incremental() %}
        where transaction_date in {{ changed_partitions(
            ref('fct_transaction_classification'),
            this,
            'transaction_date',
            ['max(classified_at)'],
        ) }}
    {%- endif %}

),

summarised as (

    select

        -- grain
        from_account_id,
        transaction_date,

        -- owner (an account has one owner)
        max(customer_id) as customer_id,
        max(customer_type) as customer_type,

        {{ sbv2345_daily_measures() }}

    from classification
    group by 1, 2

)

select * from summarised
