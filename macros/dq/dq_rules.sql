{#
    Building blocks of the quarantine's rejection rules: the conditions
    every raw table's quarantine model (models/staging/*/quarantine/) shares,
    which dq_reasons turns into reason codes. A rule of one table only is
    written out in its model. Each condition reads the row as `records`, the
    quarantine models' alias, and guards the nulls it does not own
    (dq_rule_null_required owns them).

        {%- set null_required = dq_rule_null_required(['device_id', 'status']) %}
        {%- set orphan_customer = dq_rule_orphan('customer_id', 'customers') %}
        ...
        customers as ({{ dq_known_keys('base_core_banking__customers', 'customer_id') }})
#}

{# A required value is missing: any of `columns` is null. #}
{% macro dq_rule_null_required(columns) -%}
    {%- for column in columns -%}
        records.{{ column }} is null{% if not loop.last %} or {% endif %}
    {%- endfor -%}
{%- endmacro %}

{# The key was received before: a later re-send of the row. #}
{% macro dq_rule_duplicate_key() -%}
    records.key_occurrence > 1
{%- endmacro %}

{# A coded value outside its contract set: `columns` maps each column to the
   dbt var that lists its values. #}
{% macro dq_rule_unknown_enum(columns) -%}
    {%- for column, var_name in columns.items() -%}
        records.{{ column }} not in {{ dq_values(var_name) }}
        {%- if not loop.last %} or {% endif %}
    {%- endfor -%}
{%- endmacro %}

{# `column` names a row of `lookup` (a CTE of dq_known_keys) that does not
   exist; a null is null_required's, not an orphan. #}
{% macro dq_rule_orphan(column, lookup, lookup_column=none) -%}
    records.{{ column }} is not null
    and {{ lookup }}.{{ lookup_column or column }} is null
{%- endmacro %}

{#
    `expression` is not among the values of `lookup_column` of `lookup` (a
    CTE or relation whose values are never null), for use inside any
    expression. DuckDB: `not in (select ...)`, a hash lookup of the values
    with no distinct pass over them. Spark runs a `not in` inside an
    expression as a nested loop over every pair of rows (its null-aware
    form); `not exists` is the same rows here and a hash anti-join.
#}
{% macro dq_not_among(expression, lookup, lookup_column) -%}
    {{ return(adapter.dispatch('dq_not_among', 'bank')(
        expression, lookup, lookup_column
    )) }}
{%- endmacro %}

{% macro default__dq_not_among(expression, lookup, lookup_column) -%}
    not exists (
        select {{ lookup }}.{{ lookup_column }} from {{ lookup }}
        where {{ lookup }}.{{ lookup_column }} = {{ expression }}
    )
{%- endmacro %}

{% macro duckdb__dq_not_among(expression, lookup, lookup_column) -%}
    {{ expression }} not in (
        select {{ lookup }}.{{ lookup_column }} from {{ lookup }}
    )
{%- endmacro %}

{# Every non-null `column` of model `model_name`, once: the keys an orphan
   rule looks up. #}
{% macro dq_known_keys(model_name, column) -%}
    select distinct {{ column }}
    from {{ ref(model_name) }}
    where {{ column }} is not null
{%- endmacro %}
