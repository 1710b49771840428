{#
    Every value of the column lies between min_value and max_value
    (inclusive; exclusive with strictly=true). Either bound may be left out.
    Null values are ignored.
#}
{% test expect_column_values_to_be_between(
    model,
    column_name,
    min_value=none,
    max_value=none,
    row_condition=none,
    strictly=false
) %}
{{ expectations_between_check(
    model,
    column_name,
    min_value=min_value,
    max_value=max_value,
    row_condition=row_condition,
    strictly=strictly
) }}
{% endtest %}
