{#
    Incremental quarantine of the event tables (payment_transactions,
    authentication_logs, login_events): a checked table keeps the rows of
    the loads it has checked and, on an incremental run, checks only the
    loads that are new or changed. Each of the three models says so in its
    own config (strategy append, pre-hook dq_delete_batches_to_check) and
    filters its base rows on dq_batches_to_check(this, base):

        config(materialized='incremental', incremental_strategy='append',
               pre_hook="{{ dq_delete_batches_to_check(ref('base_x')) }}")
        {%- set batches = dq_batches_to_check(this, ref('base_x'))
            if is_incremental() else 'true' %}
        ... select * from {{ ref('base_x') }}
            {% if is_incremental() %} where {{ batches }} {% endif %}

    The comparison runs twice, when the model compiles and in the hook (a
    count and a sum per batch): the query needs the batches as a literal.
    With a subquery instead ("the batches the table lacks after the hook"),
    DuckDB cannot filter the raw scan, and the base model's projection runs
    over every row of every load (about 2 s per event table on the L tier).

    dq_batches_to_check(target, base): a SQL predicate on `batch_id` naming
    the rows to (re)check: the partitions changed_partitions
    (macros/incremental/changed_partitions.sql) finds when it compares
    each batch_id's rows in the base model with those in the checked table
    by content: the row count and the sum of the rows' fingerprints
    (row_hash, macros/dq/dq_raw.sql). A row added, deleted or corrected in
    place in any load changes its load's sum; a count alone misses a
    correction, or a row deleted and another inserted in the same load.
      * 'false' when every batch is the same in both (nothing new);
      * 'batch_id >= N' from the first batch that differs (a new load, or a
        load re-sent or corrected); later batches are rechecked too,
        because a key's rank (duplicate_key) depends on earlier loads;
      * 'true' when the rows without batch_id differ (everything
        rechecked).
    A load's batch_id grows with its load time, so the rows of the batches
    kept are earlier than the rows rechecked (dq_key_occurrences counts
    them first). Rules that look up other tables (orphans, account
    ownership and opening) are applied to the rechecked rows only: a master
    row that arrives after a transaction that needed it does not clear that
    transaction until a --full-refresh.
#}
{% macro dq_batches_to_check(target, base) -%}
    {%- if not execute -%}
        {{ return('true') }}
    {%- endif -%}
    {%- set query -%}
        select
            count(*) as changed_batches,
            count(*) - count(batch_id) as changed_null_batches,
            min(batch_id) as first_changed_batch
        from {{ changed_partitions(
            base, target, 'batch_id', ['count(*)', 'sum(row_hash)']
        ) }} as changed
    {%- endset -%}
    {%- set row = run_query(query).rows[0] -%}
    {%- if row[0] == 0 -%}
        {{ return('false') }}
    {%- elif row[1] > 0 -%}
        {{ return('true') }}
    {%- endif -%}
    {{ return('batch_id >= ' ~ row[2]) }}
{%- endmacro %}

{#
    dq_delete_batches_to_check(base): the pre-hook of an incremental checked
    table: on an incremental run, delete the rows of the batches to recheck
    (the model then appends them, checked again); nothing otherwise. The
    model's own query, compiled before the hook runs, selects the same
    batches from `base` (dq_batches_to_check), so the table ends with
    each batch exactly once. The hook runs in the model's transaction.
#}
{% macro dq_delete_batches_to_check(base) -%}
    {%- if is_incremental() -%}
        {{ adapter.dispatch('dq_delete_batches', 'bank')(
            dq_batches_to_check(this, base)
        ) }}
    {%- endif -%}
{%- endmacro %}

{% macro default__dq_delete_batches(predicate) -%}
    delete from {{ this }} where {{ predicate }}
{%- endmacro %}

{#- Spark on plain Parquet deletes no rows: the checked table is partitioned
    by batch_id (engine_partition_by in its config), and the batches to
    recheck are dropped whole, as partitions; 'true' empties the table. -#}
{% macro spark__dq_delete_batches(predicate) -%}
    {%- if predicate == 'true' -%}
        truncate table {{ this }}
    {%- elif predicate != 'false' -%}
        {%- set batches = run_query(
            'select distinct batch_id from ' ~ this ~ ' where ' ~ predicate
            ~ ' order by 1'
        ).columns[0].values() -%}
        {%- if batches | length > 0 -%}
            alter table {{ this }} drop if exists
            {%- for batch in batches %}
            partition (batch_id = {{ batch }}){{ ',' if not loop.last }}
            {%- endfor %}
        {%- endif -%}
    {%- endif -%}
{%- endmacro %}

{#
    dq_min_value(relation, column, predicate): the smallest `column` of the
    rows of `relation` that meet `predicate` (e.g. the batches an incremental
    checked model rechecks), read when the model compiles, as a typed
    literal; 'null' when there is no such value (no row, or only nulls), and
    at parse time. A model bounds a lookup table's scan by it: a literal
    bound on a column that grows with the loads skips the row groups of
    earlier loads, which a join or a subquery does not. The bound must only
    narrow what the model reads, never change its result.
#}
{% macro dq_min_value(relation, column, predicate) -%}
    {%- if not execute -%}
        {{ return('null') }}
    {%- endif -%}
    {%- set literal = sql_typed_literal(
        'min(' ~ column ~ ')', relation, predicate
    ) -%}
    {{ return('null' if literal is none else literal) }}
{%- endmacro %}
