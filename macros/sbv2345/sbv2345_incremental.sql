{#
    Incremental helpers of the classification marts (docs/sbv2345.md).

    sbv2345_reprocess_from_date(target, transactions, authentication_logs):
    the first Vietnam-local day the incremental run must recompute, as a
    quoted date literal, found by comparing what staging holds with what the
    target already holds:
      * a day whose (transaction_date, transaction_batch_id) row counts differ
        between `transactions` and `target` (new load, late-arriving row on an
        older day, or a row that disappeared);
      * a day of a transaction the target holds that has an authentication
        log (staging) checked by the quarantine after the latest check the
        target has seen (columns checked_at and auth_checked_at): a log of a
        new load, or of an older load corrected in raw. A log of a
        transaction the target does not hold yet needs no check: its day
        differs above.
    Every day from that one on is recomputed: the new-device rule links a
    transaction to the customer's previous one, possibly on an earlier day,
    so a late row can change later days. '9999-12-31' when nothing changed.
    `transactions` needs only transaction_date and transaction_batch_id: a
    narrow relation (or parenthesised subquery) keeps the count cheap. The
    latest check seen is read first, so that its filter reaches the log
    scan.
#}
{% macro sbv2345_reprocess_from_date(
    target, transactions, authentication_logs
) -%}
    {%- if not execute -%}
        {{ return("'1900-01-01'") }}
    {%- endif -%}
    {%- set latest_auth_check = sbv2345_latest_auth_check(target) -%}
    {%- set query -%}
        with changed_days as (
            select transaction_date
            from {{ incremental_changed_days(transactions, target) }} as days
        ),
        late_auth_days as (
            select held.transaction_date
            from (
                select transaction_id
                from {{ authentication_logs }}
                where checked_at > {{ latest_auth_check }}
            ) as late_logs
            inner join {{ target }} as held
                on late_logs.transaction_id = held.transaction_id
        )
        select min(transaction_date) from (
            select transaction_date from changed_days
            union all
            select transaction_date from late_auth_days
        ) as touched
    {%- endset -%}
    {%- set first_day = run_query(query).columns[0].values()[0] -%}
    {%- if first_day is none -%}
        {{ return("'9999-12-31'") }}
    {%- endif -%}
    {{ return("'" ~ first_day ~ "'") }}
{%- endmacro %}

{#
    sbv2345_changed_days(upstream, target): a subquery of the days whose rows
    in `upstream` were (re)classified after `target` last took them: the
    day's max(classified_at) is newer in upstream, or the day is missing from
    target. Used by the marts built from an incremental classification.
#}
{% macro sbv2345_changed_days(upstream, target) -%}
    (
        select upstream_days.transaction_date
        from (
            select transaction_date, max(classified_at) as classified_at
            from {{ upstream }}
            group by transaction_date
        ) as upstream_days
        left join (
            select transaction_date, max(classified_at) as classified_at
            from {{ target }}
            group by transaction_date
        ) as target_days
            on upstream_days.transaction_date = target_days.transaction_date
        where
            target_days.transaction_date is null
            or upstream_days.classified_at > target_days.classified_at
    )
{%- endmacro %}

{#
    sbv2345_latest_auth_check(target): the latest auth_checked_at `target`
    holds, as a timestamp literal ('-infinity' when it holds none, or was
    built before it kept the column: every log is then new to it).
#}
{% macro sbv2345_latest_auth_check(target) -%}
    {%- set columns = adapter.get_columns_in_relation(target)
        | map(attribute='name') | map('lower') | list -%}
    {%- set latest = none -%}
    {%- if 'auth_checked_at' in columns -%}
        {%- set latest = run_query(
            "select max(auth_checked_at) from " ~ target
        ).columns[0].values()[0] -%}
    {%- endif -%}
    {%- if latest is none -%}
        {{ return("cast('-infinity' as timestamp)") }}
    {%- endif -%}
    {{ return("cast('" ~ latest ~ "' as timestamp)") }}
{%- endmacro %}
