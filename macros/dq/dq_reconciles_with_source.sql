{#
    Generic test on a clean staging model: nothing lost, nothing invented,
    nothing stale. Fails (one row) unless
        rows in the raw source table
        = rows in this clean model + rejected rows of the checked model
    and the checked model holds exactly the raw rows: the same count and
    the same sum of row fingerprints (row_hash, macros/dq/dq_raw.sql), so a
    raw row corrected in place after the quarantine ran fails it too.
    In the latest_load test scope (macros/test_scope.sql) each count covers
    its relation's latest load only, when it declares one.
#}
{% test dq_reconciles_with_source(model, source_name, table_name, checked_model) %}

with

raw_rows as (
    select
        count(*) as n,
        sum({{ dq_row_hash('raw_scope') }}) as fingerprint
    from {{ test_scope_rows(source(source_name, table_name)) }} as raw_scope
),

clean_rows as (
    select count(*) as n from {{ model }}
),

checked_rows as (
    select
        count(*) filter (
            where {{ dq_reason_count('rejection_reasons') }} > 0
        ) as rejected,
        count(*) as n,
        sum(row_hash) as fingerprint
    from {{ test_scope_rows(checked_model) }}
)

select
    raw_rows.n as raw_rows,
    clean_rows.n as clean_rows,
    checked_rows.rejected as rejected_rows,
    checked_rows.n as checked_rows
from raw_rows
cross join clean_rows
cross join checked_rows
where
    raw_rows.n <> clean_rows.n + checked_rows.rejected
    or raw_rows.n <> checked_rows.n
    or raw_rows.fingerprint is distinct from checked_rows.fingerprint

{% endtest %}
