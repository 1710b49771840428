{#
    partition_replace_strategy(): the incremental strategy of a model that
    rebuilds whole partitions (a Vietnam-local day): DuckDB deletes the
    rows of the partitions the query returns and inserts the new ones
    (delete+insert on the partition key, the model's unique_key); Spark on
    Parquet overwrites those partitions' folders (insert_overwrite with
    dynamic partition overwrite, profiles.yml, and the model's
    partition_by from engine_partition_by). The same rows either way: a
    partition the query returns is replaced whole, the others stay.
#}
{% macro partition_replace_strategy() -%}
    {{ return(adapter.dispatch('partition_replace_strategy', 'bank')()) }}
{%- endmacro %}

{% macro default__partition_replace_strategy() -%}
    {{ return('delete+insert') }}
{%- endmacro %}

{% macro spark__partition_replace_strategy() -%}
    {{ return('insert_overwrite') }}
{%- endmacro %}
