{#
    How an incremental model finds its work (docs/architecture.md,
    "Incremental models"). Every incremental model of the project but one
    works by partition: a load (batch_id) in the quarantine, a Vietnam-local
    day (transaction_date) after it. A run compares a fingerprint of each
    partition, aggregates over its rows, between the model's upstream and
    the model itself (the target), and rebuilds the partitions that differ:
    new ones, ones that lost rows, ones whose rows were rechecked or
    reclassified since the target took them. Each model states its
    partition and fingerprint where it calls the macro; its config says
    how the rebuilt partitions replace the old (delete+insert on the
    partition key, or append after a pre-hook delete in the quarantine).

    changed_partitions(upstream, target, partition_by, fingerprint): a
    parenthesised subquery of the values of `partition_by` whose
    `fingerprint` differs between `upstream` and `target`.
      * upstream, target: relations or parenthesised subqueries, both with
        the column `partition_by` and the columns the fingerprint reads;
      * fingerprint: a list of aggregate expressions, evaluated per
        partition on each side (e.g. ['count(*)', 'max(checked_at)']);
        a partition differs when any of them is distinct, or when it is
        on one side only (a partition gone from upstream is listed: its
        rows must go from the target).
    A fingerprint must change whenever the partition's rows do. The
    quarantine stamps every row it (re)checks with the run's time
    (checked_at), the classification every row it (re)computes
    (classified_at), so a row count and the latest stamp cover new,
    late-arriving, corrected and vanished rows; where no stamp exists, a
    sum of row hashes does (dq_raw.sql, row_hash).
#}
{% macro changed_partitions(upstream, target, partition_by, fingerprint) -%}
    (
        select coalesce(staged.{{ partition_by }}, held.{{ partition_by }})
            as {{ partition_by }}
        from {{ changed_partitions__fingerprints(
            upstream, partition_by, fingerprint
        ) }} as staged
        full outer join {{ changed_partitions__fingerprints(
            target, partition_by, fingerprint
        ) }} as held
            on staged.{{ partition_by }}
            is not distinct from held.{{ partition_by }}
        where
            staged.is_present is distinct from held.is_present
            {%- for measure in fingerprint %}
            or staged.fingerprint_{{ loop.index }}
            is distinct from held.fingerprint_{{ loop.index }}
            {%- endfor %}
    )
{%- endmacro %}

{# One side of the comparison: the fingerprint of each partition of
   `relation`. #}
{% macro changed_partitions__fingerprints(
    relation, partition_by, fingerprint
) -%}
    (
        select
            {{ partition_by }},
            true as is_present
            {%- for measure in fingerprint %},
            {{ measure }} as fingerprint_{{ loop.index }}
            {%- endfor %}
        from {{ relation }} as partition_rows
        group by 1
    )
{%- endmacro %}

{#
    first_changed_partition(upstream, target, partition_by, fingerprint):
    the smallest partition of changed_partitions(...), as a SQL expression
    for a bound: a typed literal read when the model compiles, or `null`
    when no partition changed (a bound `col >= null` selects nothing). A
    literal bound on a column that grows with the loads lets DuckDB skip
    the row groups of earlier loads, which a subquery does not, so a model
    says the changed partitions twice: exactly, with `in
    changed_partitions(...)`, and as this bound for the scan. At parse time
    and in a unit test (whose refs are fixture CTEs, __dbt__cte__..., that
    no query outside the test can read) it is the same minimum as a scalar
    subquery: the same rows, unpruned.
#}
{% macro first_changed_partition(
    upstream, target, partition_by, fingerprint
) -%}
    {%- set changed = changed_partitions(
        upstream, target, partition_by, fingerprint
    ) ~ ' as changed' -%}
    {%- if not execute or '__dbt__cte__' in (upstream ~ ' ' ~ target) -%}
        {{ return('(select min(' ~ partition_by ~ ') from ' ~ changed ~ ')') }}
    {%- endif -%}
    {%- set literal = sql_typed_literal('min(' ~ partition_by ~ ')', changed) -%}
    {{ return('null' if literal is none else literal) }}
{%- endmacro %}
