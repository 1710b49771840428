{{
    config(
        materialized='incremental',
        incremental_strategy='delete+insert',
        unique_key='transaction_date',
        on_schema_change='append_new_columns',
    )
}}

with

classification as (

    select * from {{ ref('fct_transaction_classification') }}
    {%- if is_incremental() %}
        where transaction_date in {{ sbv2345_changed_days(
            ref('fct_transaction_classification'), this
        ) }}
    {%- endif %}

),

summarised as (

    select

        -- grain
        transaction_date,

        -- activity
        count(distinct customer_id) as active_customer_count,
        count(distinct from_account_id) as active_account_count,

        {{ sbv2345_daily_measures() }}

    from classification
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
