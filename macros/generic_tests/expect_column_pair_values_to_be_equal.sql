{#
    On every row column_A = column_B. Rows where either value is null are
    ignored.
#}
{% test expect_column_pair_values_to_be_equal(
    model,
    column_A,
    column_B,
    row_condition=none
) %}
{{ expectations_truth_check(
    model,
    column_A ~ " = " ~ column_B,
    row_condition=row_condition
) }}
{% endtest %}
