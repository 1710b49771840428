{#
    engine_partition_by(columns): a model's `partition_by` config where the
    engine stores tables as partitioned files (Spark on Parquet: a
    partition is a folder, replaced or dropped whole, which is how an
    incremental model there rewrites a load or a day); none on DuckDB,
    whose tables are not partitioned.

        {{ config(partition_by=engine_partition_by(['batch_id']), ...) }}
#}
{% macro engine_partition_by(columns) -%}
    {{ return(adapter.dispatch('engine_partition_by', 'bank')(columns)) }}
{%- endmacro %}

{% macro default__engine_partition_by(columns) -%}
    {{ return(none) }}
{%- endmacro %}

{% macro spark__engine_partition_by(columns) -%}
    {{ return(columns) }}
{%- endmacro %}
