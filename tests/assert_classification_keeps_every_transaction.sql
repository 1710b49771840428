-- fct_transaction_classification has exactly the staged transactions: none
-- lost, none invented (returns the transaction ids on one side only). In
-- the latest_load test scope (macros/test_scope.sql) the staged rows of the
-- latest load are looked up among all classified rows, and the rows of the
-- latest classification run among all staged rows.

with

staged as (

    select transaction_id
    from {{ ref('stg_core_banking__payment_transactions') }}

),

classified as (

    select transaction_id
    from {{ ref('fct_transaction_classification') }}

),

staged_in_scope as (

    select transaction_id
    from {{ test_scope_rows(ref('stg_core_banking__payment_transactions')) }}

),

classified_in_scope as (

    select transaction_id
    from {{ test_scope_rows(ref('fct_transaction_classification')) }}

),

missing_from_classification as (

    select
        staged_in_scope.transaction_id,
        'missing_from_classification' as issue
    from staged_in_scope
    left join classified
        on staged_in_scope.transaction_id = classified.transaction_id
    where classified.transaction_id is null

),

not_in_staging as (

    select
        classified_in_scope.transaction_id,
        'not_in_staging' as issue
    from classified_in_scope
    left join staged
        on classified_in_scope.transaction_id = staged.transaction_id
    where staged.transaction_id is null

),

final as (

    select * from missing_from_classification
    union all
    select * from not_in_staging

)

select * from final
