-- Daily transaction cube for the Overview and Transactions pages: one row per
-- day x customer type x province x SBV 2345 group x transaction type x channel.
-- Reads marts only; aggregated (no customer or account keys). Unknown
-- customers (quarantined master data) and unclassified rows are kept under
-- 'unknown' / 'unclassified' so that the totals equal the marts' row counts.
select
    t.transaction_date,
    coalesce(t.customer_type, 'unknown')                                  as customer_type,
    coalesce(t.province_code, 'unknown')                                  as province_code,
    coalesce(c.transaction_group, 'unclassified')                         as transaction_group,
    t.transaction_type,
    t.channel,
    count(*)::bigint                                                      as transactions,
    count(*) filter (where t.is_completed)::bigint                        as completed_transactions,
    coalesce(sum(t.amount) filter (where t.is_completed), 0)::double      as completed_value_vnd,
    coalesce(sum(t.amount), 0)::double                                    as attempted_value_vnd,
    count(*) filter (where c.is_compliant)::bigint                        as compliant_transactions,
    count(c.transaction_id)::bigint                                       as classified_transactions
from marts.fct_transactions as t
left join marts.fct_transaction_classification as c
    on c.transaction_id = t.transaction_id
group by all
order by all
