{#
    star_except(columns, relation=none): every column of the FROM clause
    (or of `relation`, an alias) but `columns`, in their order: DuckDB's
    `* exclude (...)`, Spark's `* except (...)`.

        select {{ star_except(['row_hash', 'rejection_reasons']) }}
        from checked
#}
{% macro star_except(columns, relation=none) -%}
    {{ return(adapter.dispatch('star_except', 'bank')(columns, relation)) }}
{%- endmacro %}

{% macro duckdb__star_except(columns, relation) -%}
    {{ relation ~ '.' if relation }}* exclude ({{ columns | join(', ') }})
{%- endmacro %}

{% macro spark__star_except(columns, relation) -%}
    {{ relation ~ '.' if relation }}* except ({{ columns | join(', ') }})
{%- endmacro %}
