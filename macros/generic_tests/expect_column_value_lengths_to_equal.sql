{#
    Every value has exactly `value` characters. Null values are ignored.
#}
{% test expect_column_value_lengths_to_equal(
    model,
    column_name,
    value,
    row_condition=none
) %}
{{ expectations_truth_check(
    model,
    dbt.length(column_name) ~ " = " ~ value,
    row_condition=row_condition
) }}
{% endtest %}
