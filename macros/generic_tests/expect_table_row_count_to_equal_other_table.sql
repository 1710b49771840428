{#
    count(*) of this model equals count(*) * factor of compare_model,
    overall or per group (group_by here, compare_group_by there, matched in
    order). compare_group_by and compare_row_condition default to group_by
    and row_condition. A group present on one side only counts 0 on the
    other.
#}
{% test expect_table_row_count_to_equal_other_table(
    model,
    compare_model,
    group_by=none,
    compare_group_by=none,
    factor=1,
    row_condition=none,
    compare_row_condition=none
) %}
{%- set group_columns = expectations_as_list(group_by) -%}
{%- set compare_group_columns = expectations_as_list(
    compare_group_by or group_by
) -%}
{%- set compare_row_condition = compare_row_condition or row_condition -%}
{%- if group_columns | length != compare_group_columns | length -%}
    {{ exceptions.raise_compiler_error(
        "group_by and compare_group_by need the same number of columns."
    ) }}
{%- endif -%}
{%- set n_groups = group_columns | length -%}
with

model_counts as (

    select
        {% for column in group_columns -%}
        {{ column }} as group_{{ loop.index }},
        {% endfor -%}
        count(*) as row_count
    from {{ model }}
    {{ expectations_where(row_condition) }}
    {% if n_groups -%}
    group by {{ group_columns | join(", ") }}
    {%- endif %}

),

compare_counts as (

    select
        {% for column in compare_group_columns -%}
        {{ column }} as group_{{ loop.index }},
        {% endfor -%}
        count(*) * {{ factor }} as row_count
    from {{ compare_model }}
    {{ expectations_where(compare_row_condition) }}
    {% if n_groups -%}
    group by {{ compare_group_columns | join(", ") }}
    {%- endif %}

),

compared as (

    select
        {% for i in range(1, n_groups + 1) -%}
        coalesce(
            model_counts.group_{{ i }}, compare_counts.group_{{ i }}
        ) as group_{{ i }},
        {% endfor -%}
        model_counts.row_count,
        compare_counts.row_count as compare_row_count,
        abs(
            coalesce(model_counts.row_count, 0)
            - coalesce(compare_counts.row_count, 0)
        ) as row_count_difference
    from model_counts
    {% if n_groups -%}
    full outer join compare_counts
        on
        {%- for i in range(1, n_groups + 1) %}
        {% if not loop.first %}and {% endif -%}
        model_counts.group_{{ i }} = compare_counts.group_{{ i }}
        {%- endfor %}
    {%- else -%}
    cross join compare_counts
    {%- endif %}

)

select * from compared
where row_count_difference > 0
{% endtest %}
