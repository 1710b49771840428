{#
    regex_full_match(expression, pattern): true when the whole value of
    `expression` matches the regular expression `pattern` (null for null):
    DuckDB's regexp_full_match, Spark's rlike anchored at both ends.
#}
{% macro regex_full_match(expression, pattern) -%}
    {{ return(adapter.dispatch('regex_full_match', 'bank')(
        expression, pattern
    )) }}
{%- endmacro %}

{% macro duckdb__regex_full_match(expression, pattern) -%}
    regexp_full_match({{ expression }}, '{{ pattern }}')
{%- endmacro %}

{% macro spark__regex_full_match(expression, pattern) -%}
    ({{ expression }} rlike '^(?:{{ pattern }})$')
{%- endmacro %}
