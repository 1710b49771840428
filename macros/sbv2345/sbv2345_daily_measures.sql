{#
    The measures shared by the daily compliance summaries, as select-list
    items over rows of fct_transaction_classification grouped by the
    summary's grain: counts and amounts in total, per required class (A-D)
    and per group (I.1 ... II.3), each for all and for completed
    transactions; the largest amount; strong (C/D) authentication;
    compliance counts; and the latest classified_at of the rows (which the
    incremental runs compare).
#}
{% macro sbv2345_daily_measures() -%}
        -- counts and amounts
        count(*) as transaction_count,
        sum(case when is_completed then 1 else 0 end) as completed_count,
        sum(case when is_completed then 0 else 1 end) as not_completed_count,
        cast(sum(amount) as decimal(18, 2)) as total_amount,
        cast(sum(case when is_completed then amount else 0 end)
            as decimal(18, 2)) as completed_amount,
        max(amount) as largest_amount,
    {%- for level in ['A', 'B', 'C', 'D'] %}
        {{ sbv2345_bucket_measures(
            "required_auth_level = '" ~ level ~ "'", 'class_' ~ (level | lower)
        ) }}
    {%- endfor %}
    {%- for group_name in sbv2345_group_names() %}
        {{ sbv2345_bucket_measures(
            "transaction_group = '" ~ group_name ~ "'",
            'group_' ~ sbv2345_group_slug(group_name)
        ) }}
    {%- endfor %}

        -- authentication and compliance
        coalesce(max(
            case when achieved_auth_level in ('C', 'D') then 1 else 0 end
        ) = 1, false) as has_strong_authentication,
        sum(case when is_compliant then 1 else 0 end) as compliant_count,
        sum(case when is_compliant then 0 else 1 end) as non_compliant_count,
        sum(case when requires_biometric then 1 else 0 end)
            as requires_biometric_count,
        sum(case when is_new_device_transaction then 1 else 0 end)
            as new_device_transaction_count,

        -- load audit
        max(classified_at) as classified_at
{%- endmacro %}

{% macro sbv2345_bucket_measures(condition, prefix) -%}
        sum(case when {{ condition }} then 1 else 0 end) as {{ prefix }}_count,
        sum(case when {{ condition }} and is_completed then 1 else 0 end)
            as {{ prefix }}_completed_count,
        cast(sum(case when {{ condition }} then amount else 0 end)
            as decimal(18, 2)) as {{ prefix }}_amount,
        cast(sum(
            case when {{ condition }} and is_completed then amount else 0 end
        ) as decimal(18, 2)) as {{ prefix }}_completed_amount,
{%- endmacro %}
