{#
    Dates and numbers as text, and back: the format functions differ by
    engine (DuckDB's strftime / strptime / format, Spark's date_format /
    try_to_timestamp / format_string); the text is the same on both.
#}

{# A date as its eight-digit key text: 2024-03-05 -> '20240305'. #}
{% macro date_key_text(expression) -%}
    {{ return(adapter.dispatch('date_key_text', 'bank')(expression)) }}
{%- endmacro %}

{% macro default__date_key_text(expression) -%}
    date_format({{ expression }}, 'yyyyMMdd')
{%- endmacro %}

{% macro duckdb__date_key_text(expression) -%}
    strftime({{ expression }}, '%Y%m%d')
{%- endmacro %}


{# Eight-digit key text back to a date; null when it is not a real date. #}
{% macro date_from_key_text(expression) -%}
    {{ return(adapter.dispatch('date_from_key_text', 'bank')(expression)) }}
{%- endmacro %}

{% macro default__date_from_key_text(expression) -%}
    cast(try_to_timestamp({{ expression }}, 'yyyyMMdd') as date)
{%- endmacro %}

{% macro duckdb__date_from_key_text(expression) -%}
    cast(try_strptime({{ expression }}, '%Y%m%d') as date)
{%- endmacro %}


{#
    A number (below a million, at most six decimals) as its shortest text,
    no exponent and no trailing zeros: 10.0 -> '10', 1.5 -> '1.5'.
#}
{% macro short_number_text(expression) -%}
    {{ return(adapter.dispatch('short_number_text', 'bank')(expression)) }}
{%- endmacro %}

{% macro default__short_number_text(expression) -%}
    regexp_replace(
        cast(cast({{ expression }} as decimal(18, 6)) as string), '\\.?0+$', ''
    )
{%- endmacro %}

{% macro duckdb__short_number_text(expression) -%}
    format('{:g}', cast({{ expression }} as double))
{%- endmacro %}
