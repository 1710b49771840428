{#
    spark_export_models(directory): every model of the project that exists
    in the Spark catalog, written as Parquet to <directory>/<model name>/
    (Spark's own INSERT OVERWRITE DIRECTORY), so that `make spark-check`
    (bank_ops/spark_check.py) can read what Spark built, views included,
    beside the DuckDB build: `dbt run-operation spark_export_models
    --args '{directory: ...}' --target spark`. Models that Spark did not
    build are skipped; the check reports them.
#}
{% macro spark_export_models(directory) -%}
    {%- if target.type != 'spark' -%}
        {{ exceptions.raise_compiler_error(
            'spark_export_models runs on the spark target, not '
            ~ target.type
        ) }}
    {%- endif -%}
    {%- set exported = [] -%}
    {%- for node in graph.nodes.values()
        if node.resource_type in ['model', 'seed', 'snapshot'] -%}
        {%- set relation = adapter.get_relation(
            database=node.database, schema=node.schema,
            identifier=node.alias,
        ) -%}
        {%- if relation is not none -%}
            {%- do run_query(
                "insert overwrite directory '" ~ directory ~ '/' ~ node.name
                ~ "' using parquet select * from " ~ relation
            ) -%}
            {%- do exported.append(node.name) -%}
        {%- endif -%}
    {%- endfor -%}
    {%- do log(
        'spark_export_models: ' ~ exported | length ~ ' relations to '
        ~ directory, info=true
    ) -%}
{%- endmacro %}
