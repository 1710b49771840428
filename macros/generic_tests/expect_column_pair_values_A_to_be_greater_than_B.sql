{#
    On every row column_A > column_B (>= with or_equal=true). Rows where
    either value is null are ignored.
#}
{% test expect_column_pair_values_A_to_be_greater_than_B(
    model,
    column_A,
    column_B,
    or_equal=false,
    row_condition=none
) %}
{%- set operator = ">=" if or_equal else ">" -%}
{{ expectations_truth_check(
    model,
    column_A ~ " " ~ operator ~ " " ~ column_B,
    row_condition=row_condition
) }}
{% endtest %}
