-- fct_transactions must hold exactly one row per staged payment transaction:
-- the joins to customers and accounts may neither drop nor duplicate rows.
-- Returns a row (fails) when the counts differ.

with

staged as (

    select count(*) as n_rows
    from {{ ref('stg_core_banking__payment_transactions') }}

),

fact as (

    select count(*) as n_rows
    from {{ ref('fct_transactions') }}

),

final as (

    select
        staged.n_rows as n_staged,
        fact.n_rows as n_fact
    from staged
    cross join fact
    where staged.n_rows != fact.n_rows

)

select * from final
