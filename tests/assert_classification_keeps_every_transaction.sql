-- fct_transaction_classification has exactly the staged transactions: none
-- lost, none invented (returns the transaction ids on one side only).

with

staged as (

    select transaction_id
    from {{ ref('stg_core_banking__payment_transactions') }}

),

classified as (

    select transaction_id
    from {{ ref('fct_transaction_classification') }}

),

missing as (

    select
        staged.transaction_id,
        'missing_from_classification' as issue
    from staged
    left join classified
        on staged.transaction_id = classified.transaction_id
    where classified.transaction_id is null

),

extra as (

    select
        classified.transaction_id,
        'not_in_staging' as issue
    from classified
    left join staged
        on classified.transaction_id = staged.transaction_id
    where staged.transaction_id is null

)

select * from missing
union all
select * from extra
