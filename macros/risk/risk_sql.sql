{#
    Engine-specific SQL of the risk models, behind adapter.dispatch so a port
    to another engine (Spark) touches these macros, not the models.
#}

{# An interval literal of `value` `unit`s (minute, hour, day). #}
{% macro risk_interval(value, unit) -%}
    {{ return(adapter.dispatch('risk_interval', 'bank')(value, unit)) }}
{%- endmacro %}

{% macro default__risk_interval(value, unit) -%}
    interval '{{ value }}' {{ unit }}
{%- endmacro %}

{% macro duckdb__risk_interval(value, unit) -%}
    interval ({{ value }}) {{ unit }}
{%- endmacro %}


{#
    The number of distinct non-null values of `expression` in a window
    (partition, order and frame given as SQL text).
#}
{% macro risk_count_distinct_over(expression, window) -%}
    {{ return(adapter.dispatch('risk_count_distinct_over', 'bank')(
        expression, window
    )) }}
{%- endmacro %}

{% macro default__risk_count_distinct_over(expression, window) -%}
    size(collect_set({{ expression }}) over ({{ window }}))
{%- endmacro %}

{% macro duckdb__risk_count_distinct_over(expression, window) -%}
    count(distinct {{ expression }}) over ({{ window }})
{%- endmacro %}


{# A number as text with thousands separators and no decimals: 1,234,567. #}
{% macro risk_format_number(expression) -%}
    {{ return(adapter.dispatch('risk_format_number', 'bank')(expression)) }}
{%- endmacro %}

{% macro default__risk_format_number(expression) -%}
    format_number(cast({{ expression }} as double), 0)
{%- endmacro %}

{% macro duckdb__risk_format_number(expression) -%}
    format('{:,.0f}', cast({{ expression }} as double))
{%- endmacro %}


{# Seconds between two timestamps (later minus earlier), as a double. #}
{% macro risk_seconds_between(earlier, later) -%}
    {{ return(adapter.dispatch('risk_seconds_between', 'bank')(
        earlier, later
    )) }}
{%- endmacro %}

{% macro default__risk_seconds_between(earlier, later) -%}
    cast(unix_timestamp({{ later }}) - unix_timestamp({{ earlier }}) as double)
{%- endmacro %}

{% macro duckdb__risk_seconds_between(earlier, later) -%}
    cast(epoch({{ later }}) - epoch({{ earlier }}) as double)
{%- endmacro %}


{# Hour of day (0-23) of a timestamp. #}
{% macro risk_hour(expression) -%}
    {{ return(adapter.dispatch('risk_hour', 'bank')(expression)) }}
{%- endmacro %}

{% macro default__risk_hour(expression) -%}
    hour({{ expression }})
{%- endmacro %}


{# A SQL list literal of the risk transfer types, for `in (...)`. #}
{% macro risk_transfer_types_sql() -%}
    {{ sql_string_list(var('risk_transfer_types')) }}
{%- endmacro %}


{# A one-element list (array) holding `expression`. #}
{% macro risk_list_of(expression) -%}
    {{ return(adapter.dispatch('risk_list_of', 'bank')(expression)) }}
{%- endmacro %}

{% macro default__risk_list_of(expression) -%}
    array({{ expression }})
{%- endmacro %}

{% macro duckdb__risk_list_of(expression) -%}
    list_value({{ expression }})
{%- endmacro %}


{# Aggregate: the values of `expression` as a list, sorted ascending. #}
{% macro risk_list_agg(expression) -%}
    {{ return(adapter.dispatch('risk_list_agg', 'bank')(expression)) }}
{%- endmacro %}

{% macro default__risk_list_agg(expression) -%}
    array_sort(collect_list({{ expression }}))
{%- endmacro %}

{% macro duckdb__risk_list_agg(expression) -%}
    list({{ expression }} order by {{ expression }})
{%- endmacro %}


{#
    Episodes of a sliding-window rule: the rows of `hot` (rows where the
    window condition holds; columns `key`, transaction_ts, transaction_id,
    customer_id and window_first_ts, the earliest row of the row's window)
    grouped per key into runs whose consecutive rows are at most `gap` (an
    interval) apart. One row per episode: key, alert_ts (the first time the
    condition held), window_start_ts (the start of that first window) and
    window_end_ts (the last row where the condition held).
#}
{% macro risk_episodes(hot, key, gap) -%}
    select
        {{ key }},
        min(customer_id) as customer_id,
        min(transaction_ts) as alert_ts,
        min(window_first_ts) as window_start_ts,
        max(transaction_ts) as window_end_ts
    from (
        select
            marked.*,
            sum(is_episode_start) over (
                partition by {{ key }}
                order by transaction_ts, transaction_id
                rows between unbounded preceding and current row
            ) as episode_no
        from (
            select
                {{ hot }}.*,
                case
                    when lag(transaction_ts) over (
                        partition by {{ key }}
                        order by transaction_ts, transaction_id
                    ) >= transaction_ts - {{ gap }}
                        then 0
                    else 1
                end as is_episode_start
            from {{ hot }}
        ) as marked
    ) as numbered
    group by {{ key }}, episode_no
{%- endmacro %}


{# One row per element of a list (array) column: use in a select list. #}
{% macro risk_unnest(expression) -%}
    {{ return(adapter.dispatch('risk_unnest', 'bank')(expression)) }}
{%- endmacro %}

{% macro default__risk_unnest(expression) -%}
    explode({{ expression }})
{%- endmacro %}

{% macro duckdb__risk_unnest(expression) -%}
    unnest({{ expression }})
{%- endmacro %}


{# `column` is one of the retail customer types (risk_retail_customer_types). #}
{% macro risk_is_retail(column) -%}
    {{ column }} in {{ sql_string_list(var('risk_retail_customer_types')) }}
{%- endmacro %}


{# The number of elements of a list (array) column. #}
{% macro risk_list_length(expression) -%}
    {{ return(adapter.dispatch('risk_list_length', 'bank')(expression)) }}
{%- endmacro %}

{% macro default__risk_list_length(expression) -%}
    size({{ expression }})
{%- endmacro %}

{% macro duckdb__risk_list_length(expression) -%}
    len({{ expression }})
{%- endmacro %}

{#- The payee of a transfer or payment, one integer key whether the
    receiving account is ours (internal: even, 2 x id) or another bank's
    (external: odd, 2 x id + 1), so the two id spaces never collide; null
    when the transaction has no counterparty account. An integer, not text:
    it is built, sorted and compared for ten million rows. -#}
{% macro risk_payee_key(internal_account_id, external_account_id) -%}
    case
        when {{ internal_account_id }} is not null
            then 2 * {{ internal_account_id }}
        when {{ external_account_id }} is not null
            then 2 * {{ external_account_id }} + 1
    end
{%- endmacro %}

{#- Whether a labelled typology counts for an evaluation scope's target
    (int_risk_evaluation_scopes): the target typology itself, or any
    labelled fraud when the target is 'any'. Never true for an unlabelled
    row (typology null). The evaluation marts and their intermediate
    decide every positive and every hit with it. -#}
{% macro risk_typology_counts_for(typology, target_typology) -%}
    (
        {{ typology }} = {{ target_typology }}
        or ({{ target_typology }} = 'any' and {{ typology }} is not null)
    )
{%- endmacro %}
