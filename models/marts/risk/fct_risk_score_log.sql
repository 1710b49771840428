{#- The risk score log (int_risk_score_log): append-only, one row per
    customer, day and model version that served it, with the top three
    reason codes. Like the log it publishes, it only ever adds the days
    after its latest one, and a full refresh leaves it alone. -#}

{{ config(
    materialized='incremental',
    incremental_strategy='append',
    full_refresh=false,
    on_schema_change='fail'
) }}

with

score_log as (

    select * from {{ ref('int_risk_score_log') }}

),

final as (

    select
        customer_id,
        score_date,
        model_version,
        model_name,
        is_champion,
        score,
        raw_score,
        base_value,
        reason_1_feature,
        reason_1_value,
        reason_1_contribution,
        reason_2_feature,
        reason_2_value,
        reason_2_contribution,
        reason_3_feature,
        reason_3_value,
        reason_3_contribution,
        other_contribution
    from score_log
    {% if is_incremental() %}
        -- an empty log (no model served yet) takes every day
        where score_date > coalesce(
            (select max(logged.score_date) from {{ this }} as logged),
            date '1900-01-01'
        )
    {% endif %}

)

select * from final
