-- Volume and value per transaction type and channel. Reads marts only.
select
    transaction_type,
    channel,
    count(*)::bigint                                             as transactions,
    count(*) filter (where is_completed)::bigint                 as completed_transactions,
    count(*) filter (where is_completed)::double / count(*)      as completion_rate,
    coalesce(sum(amount) filter (where is_completed), 0)::double as completed_value_vnd,
    coalesce(avg(amount) filter (where is_completed), 0)::double as avg_completed_amount_vnd
from marts.fct_transactions
group by all
order by transactions desc, transaction_type, channel
