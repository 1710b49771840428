-- Daily transaction count and completed value per transaction type. Reads marts only.
select
    transaction_date,
    transaction_type,
    count(*)::bigint                                             as transactions,
    coalesce(sum(amount) filter (where is_completed), 0)::double as completed_value_vnd
from marts.fct_transactions
group by all
order by transaction_date, transaction_type
