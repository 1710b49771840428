{#
    lake_sources(): on Spark, the raw contract read from the Parquet lake
    (bank-lake, docs/raw-contract.md), run before every command that
    executes nodes (on-run-start). On DuckDB the sources are the tables of
    schema raw of the working warehouse and this does nothing.

    Each source table of the lake becomes a view of its source's schema
    (`raw.payment_transactions`) over the Parquet files of one lake
    version, selecting exactly the columns the source declares: the
    partition column of the event tables (local_date) is the lake's, not
    the contract's, so the models see the same columns on both engines.
    The version is the one `current` pointed to when the command started
    (BANK_LAKE_VERSION, which `make spark-build` resolves from
    BANK_LAKE_PATH/current): an export swapped in during the run does not
    mix two versions in one build. A view, not an external table, because
    Spark lists a path's partitions when it reads it, so a new day's
    partition needs no catalog repair.
#}
{% macro lake_sources() -%}
    {{ return(adapter.dispatch('lake_sources', 'bank')()) }}
{%- endmacro %}

{% macro default__lake_sources() -%}
{%- endmacro %}

{% macro spark__lake_sources() -%}
    {%- if not audit_is_logged_command() -%}
        {{ return('') }}
    {%- endif -%}
    {%- set version = lake_version_path() -%}
    {%- set schemas = [] -%}
    {%- for node in graph.sources.values() -%}
        {%- if node.schema not in schemas -%}
            {%- do schemas.append(node.schema) -%}
            {%- do run_query('create database if not exists ' ~ node.schema) -%}
        {%- endif -%}
        {%- if node.source_name in var('lake_sources') -%}
            {%- set columns = node.columns.keys() | list -%}
            {%- do run_query(
                'create or replace view ' ~ node.schema ~ '.' ~ node.name
                ~ ' as select ' ~ columns | join(', ')
                ~ ' from parquet.`' ~ version ~ '/' ~ node.name ~ '`'
            ) -%}
        {%- endif -%}
    {%- endfor -%}
{%- endmacro %}

{#- The lake version a Spark build reads (see lake_sources). -#}
{% macro lake_version_path() -%}
    {%- set lake = env_var('BANK_LAKE_PATH', 'warehouse/lake') -%}
    {{ return(env_var('BANK_LAKE_VERSION', '') or lake ~ '/current') }}
{%- endmacro %}
