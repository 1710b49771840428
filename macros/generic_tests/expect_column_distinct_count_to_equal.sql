{#
    count(distinct column) (nulls not counted) equals `value`, overall or in
    every group_by group. quote_values is accepted for compatibility with
    the package and has no effect.
#}
{% test expect_column_distinct_count_to_equal(
    model,
    column_name,
    value,
    quote_values=false,
    group_by=none,
    row_condition=none
) %}
{{ expectations_truth_check(
    model,
    "count(distinct " ~ column_name ~ ") = " ~ value,
    group_by=group_by,
    row_condition=row_condition
) }}
{% endtest %}
