{#
    The latest non-null value of `expression` on an earlier row of the
    partition (rows strictly before the current one in `order_by` order).
    Default: SQL:2011 `last_value(... ignore nulls)`; Spark takes the
    ignore-nulls flag as last_value's second argument.
#}
{% macro sbv2345_previous_non_null(expression, partition_by, order_by) -%}
    {{ return(adapter.dispatch('sbv2345_previous_non_null', 'bank')(
        expression, partition_by, order_by
    )) }}
{%- endmacro %}

{% macro default__sbv2345_previous_non_null(
    expression, partition_by, order_by
) -%}
    last_value({{ expression }} ignore nulls) over (
        partition by {{ partition_by }}
        order by {{ order_by }}
        rows between unbounded preceding and 1 preceding
    )
{%- endmacro %}

{% macro spark__sbv2345_previous_non_null(
    expression, partition_by, order_by
) -%}
    last_value({{ expression }}, true) over (
        partition by {{ partition_by }}
        order by {{ order_by }}
        rows between unbounded preceding and 1 preceding
    )
{%- endmacro %}
