-- Province codes and names for the province filter (CCCD province of the
-- customer's address). Reads marts only.
select distinct
    province_code,
    province_code || ' ' || coalesce(province_name, '') as province_label
from marts.dim_customers
where province_code is not null
union all
select 'unknown', 'unknown (customer quarantined)'
order by province_code
