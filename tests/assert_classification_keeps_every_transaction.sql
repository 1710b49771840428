-- fct_transaction_classification has exactly the staged transactions: none
-- lost, none invented (returns the transaction ids on one side only; one
-- full outer join of the two key sets).

with

staged as (

    select transaction_id
    from {{ ref('stg_core_banking__payment_transactions') }}

),

classified as (

    select transaction_id
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
    where staged.transaction_id is null or classified.transaction_id is null

)

select * from one_side_only
