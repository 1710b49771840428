{#
    incremental_changed_days(upstream, target): a subquery of the Vietnam-
    local days (transaction_date) whose rows differ between `upstream` and
    the incremental `target`, compared as row counts per (transaction_date,
    transaction_batch_id): a new load, a late-arriving row on an older day,
    or a row that was re-sent under a newer batch id or disappeared. Both
    relations (or parenthesised subqueries) carry those two columns.
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
    )
{%- endmacro %}

{#
    transaction_loads(transactions): the narrow (transaction_date,
    transaction_batch_id) rows of a staged payment-transactions relation, as
    a parenthesised subquery for incremental_changed_days. A model that needs
    the wide rows too reads them separately: a CTE read twice is
    materialised whole by DuckDB, and joins in between (customers, history)
    would run over every row just to be counted.
#}
{% macro transaction_loads(transactions) -%}
    (
        select
            cast(transaction_ts as date) as transaction_date,
            batch_id as transaction_batch_id
        from {{ transactions }}
    )
{%- endmacro %}
