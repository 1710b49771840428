{#
    Generic test on a clean staging model: nothing lost, nothing invented.
    Fails (one row) unless
        rows in the raw source table
        = rows in this clean model + rejected rows of the checked model.
    In the latest_load test scope (macros/test_scope.sql) each of the three
    counts covers its relation's latest load only, when it declares one.
#}
{% test dq_reconciles_with_source(model, source_name, table_name, checked_model) %}

with

raw_rows as (
    select count(*) as n
    from {{ test_scope_rows(source(source_name, table_name)) }}
),

clean_rows as (
    select count(*) as n from {{ model }}
),

rejected_rows as (
    select count(*) as n
    from {{ test_scope_rows(checked_model) }}
    where {{ dq_reason_count('rejection_reasons') }} > 0
)

select
    raw_rows.n as raw_rows,
    clean_rows.n as clean_rows,
    rejected_rows.n as rejected_rows
from raw_rows
cross join clean_rows
cross join rejected_rows
where raw_rows.n <> clean_rows.n + rejected_rows.n

{% endtest %}
