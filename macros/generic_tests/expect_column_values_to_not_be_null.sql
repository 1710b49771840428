{#
    The column has no null value (among the rows kept by row_condition).
#}
{% test expect_column_values_to_not_be_null(
    model,
    column_name,
    row_condition=none
) %}
{{ expectations_truth_check(
    model,
    column_name ~ " is not null",
    row_condition=row_condition
) }}
{% endtest %}
