-- Bank accounts by opening date, owner type and province, account type and
-- status (as of the last load), with balances in VND. Reads marts only.
select
    a.opened_date,
    coalesce(c.customer_type, 'unknown')   as customer_type,
    coalesce(c.province_code, 'unknown')   as province_code,
    a.account_type,
    a.status                               as account_status,
    count(*)::bigint                       as accounts,
    coalesce(sum(a.balance), 0)::double    as balance_vnd
from marts.dim_bank_accounts as a
left join marts.dim_customers as c
    on c.customer_id = a.customer_id
group by all
order by all
