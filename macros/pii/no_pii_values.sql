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

{#- SQL returning the findings for a list of relations (execution time).
    An item is a relation, or a parenthesised subquery over one (a test's
    `where` or test scope, macros/test_scope.sql): its findings are named
    after the relation it reads. -#}
{% macro pii_scan_sql(relations) -%}
{%- set scans = [] -%}
{%- if execute -%}
    {%- for relation in relations -%}
        {%- set text_columns = [] -%}
        {%- if relation is string -%}
            {%- set columns = get_column_schema_from_query(
                'select * from ' ~ relation
            ) -%}
            {%- set read = modules.re.search(
                '\\bfrom\\s+(\\S+)', relation
            ).group(1) -%}
            {%- set label = read.split('.')[-1].strip('"') -%}
        {%- else -%}
            {%- set columns = adapter.get_columns_in_relation(relation) -%}
            {%- set label = relation.identifier -%}
        {%- endif -%}
        {%- for column in columns if column.is_string() -%}
            {%- do text_columns.append(column.name) -%}
        {%- endfor -%}
        {%- if text_columns -%}
            {%- do scans.append((relation, label, text_columns)) -%}
        {%- endif -%}
    {%- endfor -%}
{%- endif %}

with

{% for relation, label, text_columns in scans %}
{%- set relation_loop = loop %}
{%- for column in text_columns %}
{%- set column_loop = loop %}
-- each distinct value is matched once: mart text columns are mostly codes
-- with a handful of values, so this is far cheaper than a row-by-row scan
values_{{ relation_loop.index }}_{{ column_loop.index }} as (

    select
        {{ adapter.quote(column) }} as text_value,
        count(*) as n_rows
    from {{ relation }}
    group by 1

),

scan_{{ relation_loop.index }}_{{ column_loop.index }} as (

    select
        {%- for kind, pattern in pii_patterns().items() %}
        coalesce(sum(
            case
                when {{ regex_contains('text_value', pattern) }}
                    then n_rows
            end
        ), 0) as {{ adapter.quote(kind) }}{{ ',' if not loop.last }}
        {%- endfor %}
    from values_{{ relation_loop.index }}_{{ column_loop.index }}

),
{% endfor %}
{%- endfor %}

findings as (

    {% for relation, label, text_columns in scans %}
    {%- set relation_loop = loop %}
    {%- for column in text_columns %}
    {%- set column_loop = loop %}
    select
        '{{ label }}' as relation_name,
        '{{ column }}' as column_name,
        kinds.pii_kind,
        case kinds.pii_kind
            {%- for kind in pii_patterns() %}
            when '{{ kind }}'
                then scan.{{ adapter.quote(kind) }}
            {%- endfor %}
        end as n_rows
    from scan_{{ relation_loop.index }}_{{ column_loop.index }} as scan
    cross join (
        {%- for kind in pii_patterns() %}
        select '{{ kind }}' as pii_kind{{ ' union all' if not loop.last }}
        {%- endfor %}
    ) as kinds
    {%- if not (relation_loop.last and column_loop.last) %}
    union all
    {%- endif %}
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
