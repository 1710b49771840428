{#
    enum_of(expression, values): the expression cast to a DuckDB ENUM of
    `values` (a list, usually a documented var), for low-cardinality text
    columns of the event-sized intermediate tables. DuckDB stores an ENUM as
    a small integer: writing a 10M-row column costs about a quarter of the
    same column as VARCHAR, and the risk layer's filters on it compare
    integers.

    The values are sorted, so an ENUM orders and compares exactly as the
    text would (min/max, <, order by) and A < B < C < D still holds for the
    authentication levels. Use it only where the values are already checked
    to be in the set (the staging quarantine rejects any other value, reason
    unknown_enum; the SBV 2345 groups and classes come from the rules): a
    value outside the set fails the build, naming the value. Nulls stay null.
    Public marts cast back to text (string), the type their contracts declare.
    Other engines (Spark) keep the text: Parquet's dictionary encoding
    already stores it compactly.
#}
{% macro enum_of(expression, values) -%}
    {{ return(adapter.dispatch('enum_of', 'bank')(expression, values)) }}
{%- endmacro %}

{% macro default__enum_of(expression, values) -%}
    cast({{ expression }} as {{ dbt.type_string() }})
{%- endmacro %}

{% macro duckdb__enum_of(expression, values) -%}
    cast({{ expression }} as enum{{ sql_string_list(values | unique | sort) }})
{%- endmacro %}
