-- Transactions by local hour and ISO weekday (1 = Monday), per day, customer
-- type and SBV 2345 group, for the Transactions page heatmap. Reads marts only.
select
    t.transaction_date,
    coalesce(t.customer_type, 'unknown')                             as customer_type,
    coalesce(c.transaction_group, 'unclassified')                    as transaction_group,
    extract(hour from t.transaction_ts)::integer                     as hour_of_day,
    isodow(t.transaction_date)::integer                              as iso_weekday,
    count(*)::bigint                                                 as transactions,
    coalesce(sum(t.amount) filter (where t.is_completed), 0)::double as completed_value_vnd
from marts.fct_transactions as t
left join marts.fct_transaction_classification as c
    on c.transaction_id = t.transaction_id
group by all
order by all
