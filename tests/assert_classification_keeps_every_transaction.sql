-- fct_transaction_classification has exactly the staged transactions: none
-- lost, none invented (returns the transaction ids on one side only). In the
-- latest_load test scope (macros/test_scope.sql) only the staged rows of the
-- latest load and the rows of the latest classification run are reported
-- when alone.

{%- set staged_scope = test_scope_condition(
    ref('stg_core_banking__payment_transactions')
) %}
{%- set classified_scope = test_scope_condition(
    ref('fct_transaction_classification')
) %}

with

{% if staged_scope == 'true' and classified_scope == 'true' -%}
-- every row in scope: one full outer join of the two key sets
one_side_only as (

    select
        coalesce(staged.transaction_id, classified.transaction_id)
            as transaction_id,
        case
            when classified.transaction_id is null
                then 'missing_from_classification'
            else 'not_in_staging'
        end as issue
    from {{ ref('stg_core_banking__payment_transactions') }} as staged
    full outer join {{ ref('fct_transaction_classification') }} as classified
        on staged.transaction_id = classified.transaction_id
    where staged.transaction_id is null or classified.transaction_id is null

)

{%- else -%}
-- a scope of one load: each side's rows in scope, looked up among all the
-- other side's (the join's hash table holds the small side only)
missing_from_classification as (

    select staged.transaction_id
    from {{ test_scope_rows(
        ref('stg_core_banking__payment_transactions')
    ) }} as staged
    left join {{ ref('fct_transaction_classification') }} as classified
        on staged.transaction_id = classified.transaction_id
    where classified.transaction_id is null

),

not_in_staging as (

    select classified.transaction_id
    from {{ test_scope_rows(ref('fct_transaction_classification')) }}
        as classified
    left join {{ ref('stg_core_banking__payment_transactions') }} as staged
        on classified.transaction_id = staged.transaction_id
    where staged.transaction_id is null

),

one_side_only as (

    select
        transaction_id,
        'missing_from_classification' as issue
    from missing_from_classification

    union all

    select
        transaction_id,
        'not_in_staging' as issue
    from not_in_staging

)

{%- endif %}

select * from one_side_only
