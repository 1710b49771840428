{#
    cte_materialization(mode): DuckDB's hint on how a CTE is evaluated,
    'materialized' (computed once, held for every read) or 'not
    materialized' (inlined at each read), where the engine reads it;
    nothing elsewhere (Spark inlines a CTE at each read and caches nothing
    unless told).

        transactions as {{ cte_materialization('not materialized') }} (
#}
{% macro cte_materialization(mode) -%}
    {{ return(adapter.dispatch('cte_materialization', 'bank')(mode)) }}
{%- endmacro %}

{% macro default__cte_materialization(mode) -%}
{%- endmacro %}

{% macro duckdb__cte_materialization(mode) -%}
    {{ mode }}
{%- endmacro %}
