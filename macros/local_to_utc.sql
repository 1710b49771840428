{#
    Convert a naive timestamp in the bank's local time zone (var
    bank_timezone, Asia/Ho_Chi_Minh: every raw timestamp is naive local time)
    into a UTC instant, e.g. for source freshness, which dbt measures against
    the warehouse clock in UTC.
#}
{% macro local_to_utc(column_name) -%}
    {{ return(adapter.dispatch('local_to_utc', 'bank')(column_name)) }}
{%- endmacro %}

{% macro default__local_to_utc(column_name) -%}
    to_utc_timestamp({{ column_name }}, '{{ var("bank_timezone") }}')
{%- endmacro %}

{# DuckDB: a naive timestamp `at time zone` a zone becomes a timestamptz. #}
{% macro duckdb__local_to_utc(column_name) -%}
    ({{ column_name }} at time zone '{{ var("bank_timezone") }}')
{%- endmacro %}
