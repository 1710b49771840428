{#
    incremental_changed_days(upstream, target): a subquery of the Vietnam-
    local days (transaction_date) whose rows differ between `upstream` and
    the incremental `target`:
      * the row counts per (transaction_date, transaction_batch_id) differ:
        a new load, a late-arriving row on an older day, or a row that was
        re-sent under a newer batch id or disappeared;
      * a day of a row the quarantine checked after the latest check the
        target holds (transaction_checked_at): the quarantine rechecks a
        whole load when a row of it was corrected in raw, so a correction
        that keeps the counts reaches the target too. A target built
        before it held transaction_checked_at (null) takes every day.
    Both relations (or parenthesised subqueries) carry those three columns.
#}
{% macro incremental_changed_days(upstream, target) -%}
    (
        select
            coalesce(staged.transaction_date, held.transaction_date)
                as transaction_date
        from (
            select transaction_date, transaction_batch_id, count(*) as n
            from {{ upstream }} as upstream_rows
            group by all
        ) as staged
        full outer join (
            select transaction_date, transaction_batch_id, count(*) as n
            from {{ target }} as target_rows
            group by all
        ) as held
            on
                staged.transaction_date = held.transaction_date
                and staged.transaction_batch_id
                is not distinct from held.transaction_batch_id
        where staged.n is distinct from held.n

        union

        select rechecked.transaction_date
        from {{ upstream }} as rechecked
        where rechecked.transaction_checked_at > (
            select coalesce(max(latest.transaction_checked_at), '-infinity')
            from {{ target }} as latest
        )
    )
{%- endmacro %}

{#
    transaction_loads(transactions): the narrow (transaction_date,
    transaction_batch_id, transaction_checked_at) rows of a staged
    payment-transactions relation, as
    a parenthesised subquery for incremental_changed_days. A model that needs
    the wide rows too reads them separately: a CTE read twice is
    materialised whole by DuckDB, and joins in between (customers, history)
    would run over every row just to be counted.
#}
{% macro transaction_loads(transactions) -%}
    (
        select
            cast(transaction_ts as date) as transaction_date,
            batch_id as transaction_batch_id,
            checked_at as transaction_checked_at
        from {{ transactions }}
    )
{%- endmacro %}

{#
    incremental_first_changed_day(upstream, target): the earliest day of
    incremental_changed_days(upstream, target), read when the model compiles,
    as a quoted date literal ('9999-12-31' when no day changed). A model
    filters its wide upstream rows on the timestamp from that day on as well
    as on the changed days: a literal bound on a column reaches the staged
    table's scan (its row groups follow the loads), a filter on
    cast(ts as date) in a subquery does not, and the scan would read every
    row of every column. The bound only narrows the scan: at parse time,
    and in a unit test (whose refs are fixture CTEs, __dbt__cte__..., that
    no query outside the test can read), it is '1900-01-01', every row.
#}
{% macro incremental_first_changed_day(upstream, target) -%}
    {%- if not execute or '__dbt__cte__' in (upstream ~ ' ' ~ target) -%}
        {{ return("'1900-01-01'") }}
    {%- endif -%}
    {%- set first_day = run_query(
        "select min(transaction_date) from "
        ~ incremental_changed_days(upstream, target) ~ " as days"
    ).columns[0].values()[0] -%}
    {{ return("'" ~ (first_day if first_day is not none else '9999-12-31') ~ "'") }}
{%- endmacro %}

{#
    incremental_delete_unbacked_transactions(upstream): the post-hook of an
    incremental model keyed by transaction_id over `upstream` (delete+insert
    replaces the keys a run selects, and cannot remove a key that no longer
    has a row upstream): deletes the transactions none of whose upstream
    rows is left, once raw deleted them or the quarantine now rejects them.
    A full refresh has no such rows; nothing runs then.
#}
{% macro incremental_delete_unbacked_transactions(upstream) -%}
    {%- if is_incremental() -%}
        delete from {{ this }} as held
        where not exists (
            select 1
            from {{ upstream }} as backing
            where backing.transaction_id = held.transaction_id
        )
    {%- endif -%}
{%- endmacro %}
