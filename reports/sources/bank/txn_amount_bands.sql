-- Transaction amounts in bands that follow the regulatory thresholds
-- (SBV 2345: 5M, 10M, 20M, 100M, 500M; large-value report: 400M), per day,
-- customer type and SBV 2345 group. Reads marts only.
with banded as (
    select
        t.transaction_date,
        coalesce(t.customer_type, 'unknown')          as customer_type,
        coalesce(c.transaction_group, 'unclassified') as transaction_group,
        t.is_completed,
        t.amount,
        case
            when t.amount <= 0           then 0
            when t.amount <= 100000      then 1
            when t.amount <= 1000000     then 2
            when t.amount <= 5000000     then 3
            when t.amount <= 10000000    then 4
            when t.amount <= 20000000    then 5
            when t.amount <= 100000000   then 6
            when t.amount < 400000000    then 7
            else 8
        end as amount_band_order
    from marts.fct_transactions as t
    left join marts.fct_transaction_classification as c
        on c.transaction_id = t.transaction_id
)
select
    transaction_date,
    customer_type,
    transaction_group,
    amount_band_order,
    case amount_band_order
        when 0 then '0 (inquiry)'
        when 1 then '≤ 100k'
        when 2 then '100k – 1M'
        when 3 then '1M – 5M'
        when 4 then '5M – 10M'
        when 5 then '10M – 20M'
        when 6 then '20M – 100M'
        when 7 then '100M – 400M'
        else '≥ 400M (report)'
    end                                                        as amount_band,
    count(*)::bigint                                           as transactions,
    coalesce(sum(amount) filter (where is_completed), 0)::double as completed_value_vnd
from banded
group by all
order by all
