{#
    sum(col_1) + sum(col_2) + ... over the table (or over each group_by
    group) equals sum_total. sum_total is a number, or a column name whose
    sum is the expected total.
#}
{% test expect_multicolumn_sum_to_equal(
    model,
    column_list,
    sum_total,
    group_by=none,
    row_condition=none
) %}
{%- set sums = [] -%}
{%- for column in expectations_as_list(column_list) -%}
    {%- do sums.append("sum(" ~ column ~ ")") -%}
{%- endfor -%}
{%- if not sums -%}
    {{ exceptions.raise_compiler_error("column_list must not be empty.") }}
{%- endif -%}
{%- set total = sum_total if sum_total is number
    else "sum(" ~ sum_total ~ ")" -%}
{{ expectations_truth_check(
    model,
    sums | join(" + ") ~ " = " ~ total,
    group_by=group_by,
    row_condition=row_condition
) }}
{% endtest %}
