-- fct_transaction_classification has exactly the staged transactions: none
-- lost, none invented (returns the transaction ids on one side only; one
-- full outer join of the two key sets). In the latest_load test scope
-- (macros/test_scope.sql) only the staged rows of the latest load and the
-- rows of the latest classification run are reported when alone.

with

staged as (

    select
        transaction_id,
        {{ test_scope_condition(
            ref('stg_core_banking__payment_transactions')
        ) }} as is_in_scope
    from {{ ref('stg_core_banking__payment_transactions') }}

),

classified as (

    select
        transaction_id,
        {{ test_scope_condition(ref('fct_transaction_classification')) }}
            as is_in_scope
    from {{ ref('fct_transaction_classification') }}

),

one_side_only as (

    select
        coalesce(staged.transaction_id, classified.transaction_id)
            as transaction_id,
        case
            when classified.transaction_id is null
                then 'missing_from_classification'
            else 'not_in_staging'
        end as issue
    from staged
    full outer join classified
        on staged.transaction_id = classified.transaction_id
    where
        (classified.transaction_id is null and staged.is_in_scope)
        or (staged.transaction_id is null and classified.is_in_scope)

)

select * from one_side_only
