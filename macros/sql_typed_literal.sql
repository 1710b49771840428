{#
    sql_typed_literal(aggregate, relation, predicate='true'): the value of the
    SQL aggregate `aggregate` (e.g. 'max(batch_id)') over the rows of
    `relation` that meet `predicate`, read when the caller compiles, as a
    literal of the aggregate's own type: cast('2' as INTEGER). none when the
    aggregate is null. A constant where a scalar subquery would stand lets
    DuckDB skip row groups by their min/max, which a subquery does not.
    Callers decide what a missing value means, and run it only when
    `execute` is true.
#}
{% macro sql_typed_literal(aggregate, relation, predicate='true') -%}
    {%- set row = run_query(
        'select cast(' ~ aggregate ~ ' as ' ~ dbt.type_string() ~ '), typeof('
        ~ aggregate
        ~ ') from ' ~ relation ~ ' where ' ~ predicate
    ).rows[0] -%}
    {%- if row[0] is none -%}
        {{ return(none) }}
    {%- endif -%}
    {{ return(
        "cast('" ~ (row[0] | replace("'", "''")) ~ "' as " ~ row[1] ~ ")"
    ) }}
{%- endmacro %}
