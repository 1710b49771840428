-- Customer base for the Customers page and the Overview KPI: one row per
-- registration date x type x province x status x gender x age band. Reads
-- marts only; aggregated (no keys, no hashes, no masked values).
select
    registration_date,
    customer_type,
    coalesce(province_code, 'unknown')                    as province_code,
    coalesce(province_name, 'unknown')                    as province_name,
    status                                                as customer_status,
    coalesce(gender, 'n/a (organization)')                as gender,
    case
        when age_years is null then 'n/a (organization)'
        when age_years < 25 then '18–24'
        when age_years < 35 then '25–34'
        when age_years < 45 then '35–44'
        when age_years < 55 then '45–54'
        when age_years < 65 then '55–64'
        else '65+'
    end                                                   as age_band,
    count(*)::bigint                                      as customers,
    sum(account_count)::bigint                            as accounts,
    sum(active_account_count)::bigint                     as active_accounts,
    sum(device_count)::bigint                             as devices,
    sum(trusted_device_count)::bigint                     as trusted_devices
from marts.dim_customers
group by all
order by all
