{#
    The snapshot materialization on Spark, for tables of plain Parquet.

    dbt-spark's own snapshot ends in a MERGE, which only Delta Lake, Iceberg
    or Hudi tables accept, and refuses any other file format; their jars
    cannot be fetched here, so the project's tables are Parquet
    (docs/spark.md). This one computes the same changes with dbt's own
    macros (the strategy, build_snapshot_table, snapshot_staging_table,
    through dbt-spark's staging view) and writes them without a merge:

    1. first run: the table is created from build_snapshot_table, as dbt
       does everywhere;
    2. later runs: the history is rebuilt into a side table (every version
       as it was, the current version of an updated or deleted key closed
       at the change's dbt_valid_to, then the inserted versions), and the
       snapshot is overwritten from it in one INSERT OVERWRITE. Spark
       cannot overwrite a table in the statement that reads it, hence the
       side table.

    It rewrites the whole history on each run, where a merge rewrites only
    the files it touches: fine for the master tables this project snapshots
    (one row per customer, account or device version). DuckDB keeps dbt's
    own snapshot; make spark-check compares the history models built on
    both (int_*_historized), after a first and a second run.
#}
{% materialization snapshot, adapter='spark' %}

    {%- set identifier = model.get('alias', model.get('name')) -%}
    {%- set grant_config = config.get('grants') -%}
    {%- set target_exists, target_relation = get_or_create_relation(
        database=none,
        schema=model.schema,
        identifier=identifier,
        type='table',
    ) -%}

    {%- if not adapter.check_schema_exists(model.database, model.schema) -%}
        {%- do create_schema(model.schema) -%}
    {%- endif -%}

    {{ run_hooks(pre_hooks, inside_transaction=False) }}
    {{ run_hooks(pre_hooks, inside_transaction=True) }}

    {%- set strategy_macro = strategy_dispatch(config.get('strategy')) -%}
    {%- set strategy = strategy_macro(
        model, 'snapshotted_data', 'source_data', model['config'], target_exists
    ) -%}

    {%- if not target_exists -%}

        {% call statement('main') %}
            {{ create_table_as(
                False,
                target_relation,
                build_snapshot_table(strategy, model['compiled_code']),
            ) }}
        {% endcall %}

    {%- else -%}

        {%- set names = config.get('snapshot_table_column_names')
            or get_snapshot_table_column_names() -%}
        {{ adapter.valid_snapshot_target(target_relation, names) }}
        {%- set staging = spark_build_snapshot_staging_table(
            strategy, sql, target_relation
        ) -%}
        {%- set target_columns = adapter.get_columns_in_relation(
            target_relation
        ) | map(attribute='name') | list -%}
        {%- set new_columns = adapter.get_missing_columns(
            staging, target_relation
        ) | map(attribute='name')
            | reject('in', ['dbt_change_type', 'dbt_unique_key'])
            | list -%}
        {%- if new_columns -%}
            {%- do exceptions.raise_compiler_error(
                'snapshot ' ~ identifier ~ ': its source has new columns '
                ~ new_columns ~ ', which the Parquet snapshot cannot add; '
                ~ 'rebuild it (drop the table) to take them'
            ) -%}
        {%- endif -%}
        {%- set rebuilt = api.Relation.create(
            identifier=identifier ~ '__dbt_rebuilt',
            schema=model.schema,
            type='table',
        ) -%}
        {%- set valid_to = names.dbt_valid_to -%}
        {%- set scd_id = names.dbt_scd_id -%}

        {%- do adapter.drop_relation(rebuilt) -%}
        {% call statement('rebuild') %}
            {{ create_table_as(False, rebuilt, spark_snapshot_history_sql(
                target_relation, staging, target_columns, scd_id, valid_to
            )) }}
        {% endcall %}
        {% call statement('main') %}
            insert overwrite table {{ target_relation }}
            select * from {{ rebuilt }}
        {% endcall %}
        {%- do adapter.drop_relation(rebuilt) -%}
        {%- do adapter.drop_relation(staging) -%}

    {%- endif -%}

    {%- set should_revoke = should_revoke(target_exists, full_refresh_mode) -%}
    {%- do apply_grants(target_relation, grant_config, should_revoke) -%}
    {%- do persist_docs(target_relation, model) -%}

    {{ run_hooks(post_hooks, inside_transaction=True) }}
    {{ adapter.commit() }}
    {{ run_hooks(post_hooks, inside_transaction=False) }}

    {{ return({'relations': [target_relation]}) }}

{% endmaterialization %}


{#
    The snapshot's history after one run, what dbt-spark's MERGE would
    leave: each version kept, a current one closed where the staging view
    has an update or delete for it, then the new versions, columns in the
    table's order.
#}
{% macro spark_snapshot_history_sql(
    target_relation, staging, target_columns, scd_id, valid_to
) -%}
    select
        {%- for column in target_columns %}
            {%- if column | lower == valid_to | lower %}
                case
                    when
                        history.{{ adapter.quote(column) }} is null
                        and closing.dbt_scd_id is not null
                        then closing.{{ adapter.quote(column) }}
                    else history.{{ adapter.quote(column) }}
                end as {{ adapter.quote(column) }}
            {%- else %}
                history.{{ adapter.quote(column) }}
            {%- endif %}
            {%- if not loop.last %},{% endif %}
        {%- endfor %}
    from {{ target_relation }} as history
    left join (
        select
            {{ adapter.quote(scd_id) }} as dbt_scd_id,
            {{ adapter.quote(valid_to) }}
        from {{ staging }}
        where dbt_change_type in ('update', 'delete')
    ) as closing
        on history.{{ adapter.quote(scd_id) }} = closing.dbt_scd_id
    union all
    select
        {%- for column in target_columns %}
            {{ adapter.quote(column) }}{% if not loop.last %},{% endif %}
        {%- endfor %}
    from {{ staging }}
    where dbt_change_type = 'insert'
{%- endmacro %}
