{#
    Rejection reasons of a row: a list of the reason codes whose condition
    holds. `checks` is a list of (reason, condition) pairs; a condition that
    evaluates to null (an unknown value) does not reject the row, so each
    rule guards the nulls it does not own (null_required owns them).

    Example:
        {{ dq_reasons([
            ('negative_amount', 'amount < 0'),
            ('currency_mismatch', "currency <> 'VND'"),
        ]) }} as rejection_reasons
#}
{% macro dq_reasons(checks) -%}
    {{ return(adapter.dispatch('dq_reasons', 'bank')(checks)) }}
{%- endmacro %}

{#- One reason per check, null where its condition does not hold: the
    elements of the list each engine then clears of its nulls. -#}
{% macro dq_reasons__each(checks) -%}
    {%- for reason, condition in checks %}
        case when {{ condition }} then '{{ reason }}' end
        {%- if not loop.last %},{% endif %}
    {%- endfor %}
{%- endmacro %}

{% macro duckdb__dq_reasons(checks) -%}
    list_filter([{{ dq_reasons__each(checks) }}], reason -> reason is not null)
{%- endmacro %}

{% macro default__dq_reasons(checks) -%}
    filter(array({{ dq_reasons__each(checks) }}), reason -> reason is not null)
{%- endmacro %}

{#- Spark: array_compact drops the nulls without a lambda; Spark refuses a
    subquery inside a higher-order function such as filter, and some rules
    look a value up in a reference table (vn_identity_rules.sql). -#}
{% macro spark__dq_reasons(checks) -%}
    array_compact(array({{ dq_reasons__each(checks) }}))
{%- endmacro %}

{# Number of reasons in a rejection_reasons list. #}
{% macro dq_reason_count(column_name) -%}
    {{ return(adapter.dispatch('dq_reason_count', 'bank')(column_name)) }}
{%- endmacro %}

{% macro duckdb__dq_reason_count(column_name) -%}
    len({{ column_name }})
{%- endmacro %}

{% macro default__dq_reason_count(column_name) -%}
    size({{ column_name }})
{%- endmacro %}


{# One row per reason: `from <relation>, <unnest_reasons>` style helper. #}
{% macro dq_unnest_reasons(column_name) -%}
    {{ return(adapter.dispatch('dq_unnest_reasons', 'bank')(column_name)) }}
{%- endmacro %}

{% macro duckdb__dq_unnest_reasons(column_name) -%}
    unnest({{ column_name }})
{%- endmacro %}

{#- Spark: a generator in FROM that reads a column of an earlier FROM item
    must say LATERAL (DuckDB's unnest is lateral by itself). -#}
{% macro default__dq_unnest_reasons(column_name) -%}
    lateral explode({{ column_name }})
{%- endmacro %}
