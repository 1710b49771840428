{#
    No value of the column is one of value_set. Null values never match,
    so they pass.
#}
{% test expect_column_values_to_not_be_in_set(
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
    inner join set_values
        on all_values.value_field = set_values.value_field

)

select * from validation_errors
{% endtest %}
