-- Headline numbers for the Overview page (one row). Reads marts only.
select
    count(*)::bigint                                          as total_transactions,
    count(*) filter (where is_completed)::bigint              as completed_transactions,
    coalesce(sum(amount) filter (where is_completed), 0)::double as completed_value_vnd,
    count(*) filter (where is_completed)::double / nullif(count(*), 0) as completion_rate,
    min(transaction_date)                                     as first_date,
    max(transaction_date)                                     as last_date
from marts.fct_transactions
