{#
    The model's columns are exactly column_list, in any order. Both sides
    pass through the Jinja filter named by `transform` (default "upper") so
    the comparison is case-insensitive. One row per missing or unexpected
    column.
#}
{% test expect_table_columns_to_match_set(
    model,
    column_list,
    transform="upper"
) %}
{%- set expected = expectations_transform(
    expectations_as_list(column_list), transform
) -%}
{%- set actual = expectations_relation_columns(model, transform) -%}
{%- if not expected -%}
    {{ exceptions.raise_compiler_error("column_list must not be empty.") }}
{%- endif -%}
with

relation_columns as (

    {% for name in actual -%}
    select cast('{{ name }}' as {{ dbt.type_string() }}) as relation_column
    {% if not loop.last %}union all{% endif %}
    {% else -%}
    select cast(null as {{ dbt.type_string() }}) as relation_column
    where 1 = 0
    {% endfor %}

),

input_columns as (

    {% for name in expected -%}
    select cast('{{ name }}' as {{ dbt.type_string() }}) as input_column
    {% if not loop.last %}union all{% endif %}
    {% endfor %}

)

select
    relation_columns.relation_column,
    input_columns.input_column
from relation_columns
full outer join input_columns
    on relation_columns.relation_column = input_columns.input_column
where
    relation_columns.relation_column is null
    or input_columns.input_column is null
{% endtest %}
