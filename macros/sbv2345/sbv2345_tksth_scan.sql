{#
    Exact sequential scan for the recursive Tksth of group I.3 (docs/sbv2345.md).

    `scan_rows` names a CTE (or relation) holding only the rows that need the
    scan, one per transaction, with columns
        from_account_id, transaction_date, segment_no  -- the sequence key
        step_no          -- 1, 2, ... in (transaction_ts, transaction_id) order
        start_step       -- the step whose Tksth is already known exactly
        known_tksth      -- that Tksth (used on the start step only)
        amount, is_completed
    and steps start_step .. last step of the sequence present. A segment is
    the run of a sequence between two completed C/D-confirmed transactions,
    so Tksth never resets inside it. The result has one row per scanned step:
        from_account_id, transaction_date, segment_no, step_no, tksth_before

    Step n+1 carries Tksth(n) + G(n) when transaction n was completed and its
    own class was B (G <= 10M and G + Tksth(n) <= 20M), else Tksth(n).

    The default implementation is a recursive CTE (standard SQL: one
    iteration per step of the longest scanned segment, each iteration only
    touching the segments still running).
#}
{% macro sbv2345_tksth_scan(scan_rows) -%}
    {{ return(adapter.dispatch('sbv2345_tksth_scan', 'bank')(scan_rows)) }}
{%- endmacro %}

{% macro default__sbv2345_tksth_scan(scan_rows) -%}
    {{ bank.sbv2345_tksth_scan_query(scan_rows, materialize_steps=false) }}
{%- endmacro %}

{#
    DuckDB: the recursive step would re-evaluate the whole pipeline behind
    `scan_rows` on every iteration; `as materialized` computes it once.

    DuckDB also estimates a recursive CTE at about a thousand times its
    first step's rows (billions at the L tier, for some 40,000 actual
    rows), and every join downstream of the scan inherits that estimate:
    the classification's join of its ten million narrow rows with the wide
    transactions then builds its hash table on the wide side (at the L tier
    with a 4GB memory_limit: gigabytes spilled, the model more than twice
    as slow). The scanned rows pass through one list (an aggregate without
    GROUP BY, estimated at one row) and are unnested again: the same rows,
    with an estimate that leaves the join order to the real sizes.
#}
{% macro duckdb__sbv2345_tksth_scan(scan_rows) -%}
    (
        select
            unnested.scanned_step.from_account_id,
            unnested.scanned_step.transaction_date,
            unnested.scanned_step.segment_no,
            unnested.scanned_step.step_no,
            unnested.scanned_step.tksth_before
        from (
            select unnest(collected.scanned_steps) as scanned_step
            from (
                select list(scan_step) as scanned_steps
                from
                    {{ bank.sbv2345_tksth_scan_query(
                        scan_rows, materialize_steps=true
                    ) }} as scan_step
            ) as collected
        ) as unnested
    )
{%- endmacro %}

{% macro sbv2345_tksth_scan_query(scan_rows, materialize_steps) -%}
    (
        with recursive steps as {{ 'materialized' if materialize_steps }} (

            select * from {{ scan_rows }}

        ),

        scan as (

            select
                from_account_id,
                transaction_date,
                segment_no,
                step_no,
                amount,
                is_completed,
                cast(known_tksth as decimal(18, 2)) as tksth_before
            from steps
            where step_no = start_step

            union all

            select
                next_step.from_account_id,
                next_step.transaction_date,
                next_step.segment_no,
                next_step.step_no,
                next_step.amount,
                next_step.is_completed,
                cast(
                    scan.tksth_before
                    + case
                        when
                            scan.is_completed
                            and scan.amount
                            <= {{ var('sbv2345_i3_b_max_amount_vnd') }}
                            and scan.amount + scan.tksth_before
                            <= {{ var('sbv2345_i3_b_max_tksth_vnd') }}
                            then scan.amount
                        else 0
                    end
                    as decimal(18, 2)
                ) as tksth_before
            from scan
            inner join steps as next_step
                on
                    scan.from_account_id = next_step.from_account_id
                    and scan.transaction_date = next_step.transaction_date
                    and scan.segment_no = next_step.segment_no
                    and scan.step_no + 1 = next_step.step_no

        )

        select
            from_account_id,
            transaction_date,
            segment_no,
            step_no,
            tksth_before
        from scan
    )
{%- endmacro %}
