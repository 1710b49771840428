{#
    Every distinct value of the column is one of value_set (the column need
    not hold every member of the set). As in the package, null is not a
    member of any set.
#}
{% test expect_column_distinct_values_to_be_in_set(
    model,
    column_name,
    value_set,
    quote_values=true,
    row_condition=none
) %}
with

all_values as (

    select distinct {{ column_name }} as value_field
    from {{ model }}
    {{ expectations_where(row_condition) }}

),

set_values as (

    select distinct value_field
    from (
        {{ expectations_value_rows(value_set, quote_values, cast=false) }}
    ) as value_set_rows

),

validation_errors as (

    select all_values.value_field
    from all_values
    left join set_values
        on all_values.value_field = set_values.value_field
    where set_values.value_field is null

)

select * from validation_errors
{% endtest %}
