{#
    Test scope (var test_scope, documented in dbt_project.yml).

    'all' (the default): every data test reads every row.
    'latest_load': the tests of an event-sized relation read only the rows of
    its latest load, so that a daily incremental `dbt build` tests what the
    day brought instead of re-reading the whole history. A relation opts in
    with `meta: {latest_load_column: <column>}` (on a model's config, or on
    a source table): its latest load is the rows whose column equals the
    column's maximum, read when the test runs, e.g. a load's batch id or the
    run stamp of an incremental model (on a full build, every row).
    Relations without it (master data, small marts) are read whole in both
    scopes.

    What the narrower scope does not see: a duplicate key split between the
    latest load and an earlier one, or a relationship broken by a change in
    an earlier load. Run `dbt test` with the default scope (as `make test`
    and CI do) periodically for those.
#}

{#- the latest-load predicate of a graph node, or none -#}
{% macro test_scope_predicate(node, relation) -%}
    {%- if var('test_scope', 'all') not in ['all', 'latest_load'] -%}
        {{ exceptions.raise_compiler_error(
            "var test_scope must be 'all' or 'latest_load', got '"
            ~ var('test_scope', 'all') ~ "'"
        ) }}
    {%- endif -%}
    {%- if var('test_scope', 'all') != 'latest_load' or node is none -%}
        {{ return(none) }}
    {%- endif -%}
    {%- set meta = (node.get('config') or {}).get('meta') or node.get('meta')
        or {} -%}
    {%- set column = meta.get('latest_load_column') -%}
    {%- if not column -%}
        {{ return(none) }}
    {%- endif -%}
    {#- the latest value as a literal (the test runs after its relation is
        built): a constant lets DuckDB skip the row groups of older loads,
        a scalar subquery would be re-evaluated and scan every row -#}
    {%- set latest = sql_typed_literal('max(' ~ column ~ ')', relation) -%}
    {%- if latest is none -%}
        {#- no value at all: every row is of the one (unnamed) load -#}
        {{ return('true') }}
    {%- endif -%}
    {{ return(column ~ ' = ' ~ latest) }}
{%- endmacro %}

{#- the graph node (model, snapshot, seed or source) a unique id names -#}
{% macro test_scope_node(unique_id) -%}
    {%- if unique_id is none -%}
        {{ return(none) }}
    {%- endif -%}
    {{ return(graph.nodes.get(unique_id) or graph.sources.get(unique_id)) }}
{%- endmacro %}

{#
    For singular tests, with `relation` what ref() or source() returns:
    test_scope_condition(relation) is the condition a row of it must meet to
    be in the current scope ('true' when the whole relation is), and
    test_scope_rows(relation) those rows, as a parenthesised subquery (or
    the relation itself).
#}
{% macro test_scope_condition(relation) -%}
    {%- set found = [] -%}
    {%- if execute -%}
        {%- for node in graph.nodes.values() | list
            + graph.sources.values() | list
            if node.resource_type in ['model', 'source', 'snapshot', 'seed']
            and (node.alias or node.identifier or node.name)
            == relation.identifier
            and node.schema == relation.schema -%}
            {%- do found.append(node) -%}
        {%- endfor -%}
    {%- endif -%}
    {%- set predicate = test_scope_predicate(
        found[0] if found else none, relation
    ) -%}
    {{ return('true' if predicate is none else predicate) }}
{%- endmacro %}

{% macro test_scope_rows(relation) -%}
    {%- set condition = test_scope_condition(relation) -%}
    {%- if condition == 'true' -%}
        {{ return(relation) }}
    {%- endif -%}
    {{ return('(select * from ' ~ relation ~ ' where ' ~ condition ~ ')') }}
{%- endmacro %}

{#
    Every generic test reads its model through get_where_subquery (dbt's
    macro, overridden here): the test's own `where` config and, in the
    latest_load scope, the tested relation's latest-load predicate.
#}
{% macro get_where_subquery(relation) -%}
    {%- set conditions = [] -%}
    {%- set where = config.get('where') -%}
    {%- if where -%}
        {%- do conditions.append('(' ~ where ~ ')') -%}
    {%- endif -%}
    {%- if execute -%}
        {%- set tested = model.get('attached_node') -%}
        {%- if tested is none -%}
            {%- set sources = [] -%}
            {%- for unique_id in model.depends_on.nodes
                if unique_id.startswith('source.') -%}
                {%- do sources.append(unique_id) -%}
            {%- endfor -%}
            {%- set tested = sources[0] if sources | length == 1 else none -%}
        {%- endif -%}
        {%- set predicate = test_scope_predicate(
            test_scope_node(tested), relation
        ) -%}
        {%- if predicate is not none -%}
            {%- do conditions.append(predicate) -%}
        {%- endif -%}
    {%- endif -%}
    {%- if not conditions -%}
        {{ return(relation) }}
    {%- endif -%}
    {%- set filtered -%}
        (select * from {{ relation }} where {{ conditions | join(' and ') }}) as dbt_subquery
    {%- endset -%}
    {{ return(filtered) }}
{%- endmacro %}
