{#
    count(distinct column) / count(column), i.e. distinct values over
    non-null values (1 when there is no non-null value), overall or per
    group_by group, lies between min_value and max_value (inclusive unless
    strictly=true).
#}
{% test expect_column_proportion_of_unique_values_to_be_between(
    model,
    column_name,
    min_value=none,
    max_value=none,
    group_by=none,
    row_condition=none,
    strictly=false
) %}
{%- set expression -%}
case
    when count({{ column_name }}) = 0 then 1
    else
        cast(count(distinct {{ column_name }}) as {{ dbt.type_float() }})
        / count({{ column_name }})
end
{%- endset -%}
{{ expectations_between_check(
    model,
    expression,
    min_value=min_value,
    max_value=max_value,
    group_by=group_by,
    row_condition=row_condition,
    strictly=strictly
) }}
{% endtest %}
