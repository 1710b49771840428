{#
    Every value lies within sigma_threshold sample standard deviations of
    the column mean: |x - avg| / stddev <= sigma_threshold. With group_by
    (a column or a list of columns) the values tested are the per-group
    sums of the column, as in the package ("optionally grouped & summed").
    Null values are ignored.
#}
{% test expect_column_values_to_be_within_n_stdevs(
    model,
    column_name,
    group_by=none,
    sigma_threshold=3
) %}
{%- set group_columns = expectations_as_list(group_by) -%}
with

metric_values as (

    select
        {% for column in group_columns -%}
        {{ column }},
        {% endfor -%}
        {% if group_columns -%}
        sum({{ column_name }}) as metric_value
        {%- else -%}
        {{ column_name }} as metric_value
        {%- endif %}
    from {{ model }}
    {% if group_columns -%}
    group by {{ group_columns | join(", ") }}
    {%- endif %}

),

with_statistics as (

    select
        *,
        avg(metric_value) over () as metric_average,
        stddev_samp(metric_value) over () as metric_stddev
    from metric_values

),

z_scores as (

    select
        *,
        (metric_value - metric_average)
        / nullif(metric_stddev, 0) as metric_sigma
    from with_statistics

)

select * from z_scores
where abs(metric_sigma) > {{ sigma_threshold }}
{% endtest %}
