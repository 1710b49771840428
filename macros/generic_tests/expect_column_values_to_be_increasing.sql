{#
    Ordered by sort_column (default: the column itself), each value is
    greater than the previous one (>= with strictly=false), within each
    group_by group. With step, consecutive values must also differ by
    exactly `step`. Nulls are ignored.
#}
{% test expect_column_values_to_be_increasing(
    model,
    column_name,
    sort_column=none,
    strictly=true,
    row_condition=none,
    group_by=none,
    step=none
) %}
{%- set sort_column = sort_column or column_name -%}
{%- set group_columns = expectations_as_list(group_by) -%}
{%- set operator = ">" if strictly else ">=" -%}
with

all_values as (

    select
        {% for column in group_columns -%}
        {{ column }},
        {% endfor -%}
        {{ sort_column }} as sort_value,
        {{ column_name }} as value_field
    from {{ model }}
    {{ expectations_where(row_condition) }}

),

with_previous as (

    select
        *,
        lag(value_field) over (
            {% if group_columns -%}
            partition by {{ group_columns | join(", ") }}
            {% endif -%}
            order by sort_value
        ) as previous_value
    from all_values

),

validation_errors as (

    select *
    from with_previous
    where
        previous_value is not null
        and not (
            value_field {{ operator }} previous_value
            {%- if step is not none %}
            and value_field - previous_value = {{ step }}
            {%- endif %}
        )

)

select * from validation_errors
{% endtest %}
