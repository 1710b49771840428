{#
    Shared building blocks for the expect_* generic tests in this folder.

    The tests mirror the names, arguments and meaning of the
    metaplane/dbt-expectations package (formerly calogica) so that a project
    that can reach the dbt package hub may swap them for the package by
    deleting this folder and prefixing the YAML with `dbt_expectations.`.

    Conventions shared by every test:
      * A test selects the offending rows (or offending groups): zero rows
        means pass, as for any dbt generic test.
      * `row_condition` is a SQL boolean applied as a WHERE filter before
        anything is evaluated.
      * A check whose expression evaluates to null is not a failure (nulls
        are ignored), exactly like the package.
      * Adapter-specific SQL sits behind adapter.dispatch(..., 'bank') with a
        DuckDB implementation and a default.
#}


{# ---------------------------------------------------------------- core -- #}

{#
    Rows (or groups) of `model` for which the boolean `expression` is false.
    With `group_by` the expression is an aggregate computed per group.
#}
{% macro expectations_truth_check(
    model,
    expression,
    group_by=none,
    row_condition=none
) %}
    {%- set group_columns = expectations_as_list(group_by) -%}
with

grouped_expression as (

    select
        {% for column in group_columns -%}
        {{ column }},
        {% endfor -%}
        {{ expectations_truth_expression(expression) }} as expression
    from {{ model }}
    {{ expectations_where(row_condition) }}
    {% if group_columns -%}
    group by {{ group_columns | join(", ") }}
    {%- endif %}

),

validation_errors as (

    select *
    from grouped_expression
    where not ({{ expectations_is_true("expression") }})

)

select * from validation_errors
{% endmacro %}


{#
    Rows (or groups) where `expression` falls outside [min_value, max_value]
    (or (min_value, max_value) when `strictly`). Either bound may be omitted,
    not both.
#}
{% macro expectations_between_check(
    model,
    expression,
    min_value=none,
    max_value=none,
    group_by=none,
    row_condition=none,
    strictly=false
) %}
    {%- if min_value is none and max_value is none -%}
        {{ exceptions.raise_compiler_error(
            "Give min_value, max_value or both; got neither."
        ) }}
    {%- endif -%}
    {%- set lower = ">" if strictly else ">=" -%}
    {%- set upper = "<" if strictly else "<=" -%}
    {%- set checks = [] -%}
    {%- if min_value is not none -%}
        {%- do checks.append(
            "(" ~ expression ~ ") " ~ lower ~ " " ~ min_value
        ) -%}
    {%- endif -%}
    {%- if max_value is not none -%}
        {%- do checks.append(
            "(" ~ expression ~ ") " ~ upper ~ " " ~ max_value
        ) -%}
    {%- endif -%}
    {{ expectations_truth_check(
        model,
        checks | join(" and "),
        group_by=group_by,
        row_condition=row_condition
    ) }}
{% endmacro %}


{# ------------------------------------------------------------- helpers -- #}

{# `where <row_condition>`, or nothing. #}
{% macro expectations_where(row_condition, extra_condition=none) -%}
    {%- set conditions = [] -%}
    {%- if row_condition -%}
        {%- do conditions.append("(" ~ row_condition ~ ")") -%}
    {%- endif -%}
    {%- if extra_condition -%}
        {%- do conditions.append("(" ~ extra_condition ~ ")") -%}
    {%- endif -%}
    {%- if conditions -%}
        where {{ conditions | join(" and ") }}
    {%- endif -%}
{%- endmacro %}


{# None -> [], "a" -> ["a"], ["a", "b"] -> ["a", "b"]. #}
{% macro expectations_as_list(value) -%}
    {%- if value is none or value == "" -%}
        {{ return([]) }}
    {%- elif value is string -%}
        {{ return([value]) }}
    {%- else -%}
        {{ return(value | list) }}
    {%- endif -%}
{%- endmacro %}


{#
    One-column relation `value_field` holding the literal values of
    `value_set`: quoted and cast to a string type, or inlined as written.
#}
{% macro expectations_value_rows(value_set, quote_values=true, cast=true) -%}
    {%- if value_set is string or value_set is not iterable
        or value_set | length == 0 -%}
        {{ exceptions.raise_compiler_error(
            "value_set must be a non-empty list, got: " ~ value_set
        ) }}
    {%- endif -%}
    {%- for value in value_set %}
    select
        {% if quote_values and cast -%}
        cast('{{ value }}' as {{ dbt.type_string() }})
        {%- elif quote_values -%}
        '{{ value }}'
        {%- else -%}
        {{ value }}
        {%- endif %} as value_field
    {% if not loop.last %}union all{% endif %}
    {%- endfor %}
{%- endmacro %}


{# Column names of a relation, passed through a Jinja filter (upper...). #}
{% macro expectations_relation_columns(relation, transform="upper") -%}
    {%- set names = [] -%}
    {%- if execute -%}
        {%- for column in adapter.get_columns_in_relation(relation) -%}
            {%- do names.append(column.name) -%}
        {%- endfor -%}
    {%- endif -%}
    {{ return(expectations_transform(names, transform)) }}
{%- endmacro %}


{# Apply a string filter by name ("upper", "lower", ...) to every item. #}
{% macro expectations_transform(values, transform) -%}
    {%- if not transform -%}
        {{ return(values | list) }}
    {%- endif -%}
    {{ return(values | map(transform) | list) }}
{%- endmacro %}


{# ------------------------------------------- adapter-specific (dispatch) -- #}

{# The boolean result of `expression` as a selectable column value. #}
{% macro expectations_truth_expression(expression) -%}
    {{ return(adapter.dispatch("expectations_truth_expression", "bank")(
        expression
    )) }}
{%- endmacro %}

{% macro default__expectations_truth_expression(expression) -%}
    ({{ expression }})
{%- endmacro %}

{% macro sqlserver__expectations_truth_expression(expression) -%}
    case when {{ expression }} then 1 else 0 end
{%- endmacro %}


{# Predicate: the selected truth column is true (null stays unknown). #}
{% macro expectations_is_true(column) -%}
    {{ return(adapter.dispatch("expectations_is_true", "bank")(column)) }}
{%- endmacro %}

{% macro default__expectations_is_true(column) -%}
    {{ column }} = true
{%- endmacro %}

{% macro sqlserver__expectations_is_true(column) -%}
    {{ column }} = 1
{%- endmacro %}


{#
    Boolean: does `expression` contain a match for `regex` (anywhere in the
    string)? `flags` are the engine's regex options, `is_raw` marks a pattern
    that must not be unescaped by the SQL string literal.
#}
{% macro expectations_regexp_matches(
    expression,
    regex,
    is_raw=false,
    flags=""
) -%}
    {{ return(adapter.dispatch("expectations_regexp_matches", "bank")(
        expression, regex, is_raw, flags
    )) }}
{%- endmacro %}

{% macro default__expectations_regexp_matches(
    expression,
    regex,
    is_raw,
    flags
) -%}
    {%- if flags -%}
    regexp_like({{ expression }}, '{{ regex }}', '{{ flags }}')
    {%- else -%}
    regexp_like({{ expression }}, '{{ regex }}')
    {%- endif -%}
{%- endmacro %}

{#
    DuckDB: string literals never unescape backslashes, so `is_raw` needs no
    handling. Options: c (case-sensitive), i (case-insensitive), l (literal),
    m / n / p (newline-sensitive), s (not newline-sensitive), g (global).
#}
{% macro duckdb__expectations_regexp_matches(
    expression,
    regex,
    is_raw,
    flags
) -%}
    {%- for flag in flags or "" -%}
        {%- if flag not in "cilmnpsg" -%}
            {%- do exceptions.warn(
                "Regex flag '" ~ flag ~ "' is not a DuckDB regexp option"
                ~ " (allowed: c, i, l, m, n, p, s, g)."
            ) -%}
        {%- endif -%}
    {%- endfor -%}
    {%- if flags -%}
    regexp_matches({{ expression }}, '{{ regex }}', '{{ flags }}')
    {%- else -%}
    regexp_matches({{ expression }}, '{{ regex }}')
    {%- endif -%}
{%- endmacro %}


{#
    The current wall-clock time as a timestamp without time zone, in the
    zone given by the var 'dbt_date:time_zone' (the variable the package
    reads too; default UTC). Raw timestamps in this project are naive local
    time, so set it to the warehouse's zone.
#}
{% macro expectations_now() -%}
    {{ return(adapter.dispatch("expectations_now", "bank")()) }}
{%- endmacro %}

{% macro default__expectations_now() -%}
    cast({{ dbt.current_timestamp() }} as {{ dbt.type_timestamp() }})
{%- endmacro %}

{% macro duckdb__expectations_now() -%}
    {%- set time_zone = var("dbt_date:time_zone", "UTC") -%}
    cast(timezone('{{ time_zone }}', now()) as timestamp)
{%- endmacro %}
