{#
    Fails for every combination of `column_list` values that appears on more
    than one row. Same name and signature as dbt-expectations'
    expect_compound_columns_to_be_unique, so the package can replace it.

    ignore_row_if:
      - all_values_are_missing (default): skip rows where every column is null
      - any_value_is_missing: skip rows where at least one column is null
    quote_columns: quote each column name with the adapter's quoting.
#}
{% test expect_compound_columns_to_be_unique(
    model,
    column_list,
    quote_columns=false,
    ignore_row_if="all_values_are_missing",
    row_condition=none
) %}

{%- set allowed = ["all_values_are_missing", "any_value_is_missing"] -%}
{%- if ignore_row_if not in allowed -%}
    {{ exceptions.raise_compiler_error(
        "ignore_row_if must be all_values_are_missing or any_value_is_missing,"
        ~ " got: " ~ ignore_row_if
    ) }}
{%- endif -%}
{%- if column_list is string or not column_list -%}
    {{ exceptions.raise_compiler_error(
        "column_list must be a non-empty list of columns, got: " ~ column_list
    ) }}
{%- endif -%}

{%- set columns = [] -%}
{%- for column in column_list -%}
    {%- do columns.append(
        adapter.quote(column) if quote_columns else column
    ) -%}
{%- endfor -%}

{%- set operator = " and " if ignore_row_if == "all_values_are_missing"
    else " or " -%}
{%- set missing_check -%}
    {%- for column in columns -%}
        {{ column }} is null{{ operator if not loop.last }}
    {%- endfor -%}
{%- endset -%}

with

validation_rows as (

    select {{ columns | join(", ") }}
    from {{ model }}
    {{ expectations_where(row_condition, "not (" ~ missing_check ~ ")") }}

),

duplicates as (

    select
        {{ columns | join(",\n        ") }},
        count(*) as n_rows
    from validation_rows
    group by {{ columns | join(", ") }}
    having count(*) > 1

)

select * from duplicates

{% endtest %}
