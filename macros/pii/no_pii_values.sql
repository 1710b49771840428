{#
    Scans of text columns for personal data in clear: values that look like
    a CCCD (12 digits), a Vietnamese mobile number (0 or +84 and 9 digits)
    or an e-mail address (pii_patterns). One row per (relation, column, kind)
    with the number of matching rows, never the values themselves.

    - generic test `no_pii_values`: attach it to every mart (model-level
      `data_tests: [no_pii_values]`; dbt-bouncer enforces it), so `dbt build`
      scans each mart right after building it.
    - tests/assert_no_pii_in_marts.sql sweeps every mart relation at once.
#}
{% test no_pii_values(model) %}
    {%- set relations = [model] if execute else [] -%}
    {{ pii_scan_sql(relations) }}
{% endtest %}

{#- SQL returning the findings for a list of relations (execution time). -#}
{% macro pii_scan_sql(relations) -%}
{%- set scans = [] -%}
{%- if execute -%}
    {%- for relation in relations -%}
        {%- set text_columns = [] -%}
        {%- for column in adapter.get_columns_in_relation(relation)
            if column.is_string() -%}
            {%- do text_columns.append(column.name) -%}
        {%- endfor -%}
        {%- if text_columns -%}
            {%- do scans.append((relation, text_columns)) -%}
        {%- endif -%}
    {%- endfor -%}
{%- endif %}

with

{% for relation, text_columns in scans %}
scan_{{ loop.index }} as (

    select
        {%- for column in text_columns %}
        {%- set outer = loop %}
        {%- for kind, pattern in pii_patterns().items() %}
        count(
            case
                when {{ regex_contains(adapter.quote(column), pattern) }}
                    then 1
            end
        ) as {{ adapter.quote(column ~ '__' ~ kind) }}
        {{- ',' if not (outer.last and loop.last) }}
        {%- endfor %}
        {%- endfor %}
    from {{ relation }}

),
{% endfor %}

findings as (

    {% for relation, text_columns in scans %}
    {%- set scan_loop = loop %}
    {%- for column in text_columns %}
    {%- set column_loop = loop %}
    {%- for kind in pii_patterns() %}
    select
        '{{ relation.identifier }}' as relation_name,
        '{{ column }}' as column_name,
        '{{ kind }}' as pii_kind,
        {{ adapter.quote(column ~ '__' ~ kind) }} as n_rows
    from scan_{{ scan_loop.index }}
    {%- if not (scan_loop.last and column_loop.last and loop.last) %}
    union all
    {%- endif %}
    {%- endfor %}
    {%- endfor %}
    {%- else %}
    select
        cast(null as {{ dbt.type_string() }}) as relation_name,
        cast(null as {{ dbt.type_string() }}) as column_name,
        cast(null as {{ dbt.type_string() }}) as pii_kind,
        cast(0 as {{ dbt.type_bigint() }}) as n_rows
    {%- endfor %}

)

select * from findings
where n_rows > 0
{%- endmacro %}
