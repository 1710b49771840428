{#
    Every value of the column is one of value_set. As in the package, a null
    is not a member of any set, so null values fail.
    quote_values=true compares against string literals; set it to false for
    numbers or SQL expressions.
#}
{% test expect_column_values_to_be_in_set(
    model,
    column_name,
    value_set,
    quote_values=true,
    row_condition=none
) %}
with

all_values as (

    select {{ column_name }} as value_field
    from {{ model }}
    {{ expectations_where(row_condition) }}

),

set_values as (
    {{ expectations_value_rows(value_set, quote_values) }}
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
