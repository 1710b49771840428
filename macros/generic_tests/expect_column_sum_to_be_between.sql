{#
    sum(column), overall or per group_by group, lies between min_value and
    max_value (inclusive unless strictly=true).
#}
{% test expect_column_sum_to_be_between(
    model,
    column_name,
    min_value=none,
    max_value=none,
    group_by=none,
    row_condition=none,
    strictly=false
) %}
{{ expectations_between_check(
    model,
    "sum(" ~ column_name ~ ")",
    min_value=min_value,
    max_value=max_value,
    group_by=group_by,
    row_condition=row_condition,
    strictly=strictly
) }}
{% endtest %}
