-- Registered devices by first-seen date, owner type and province, device
-- type, operating system family, status and trust. Reads marts only.
select
    d.first_seen_date,
    coalesce(c.customer_type, 'unknown')              as customer_type,
    coalesce(c.province_code, 'unknown')              as province_code,
    d.device_type,
    coalesce(split_part(d.os_info, ' ', 1), 'unknown') as os_family,
    d.status                                          as device_status,
    case when d.is_trusted then 'trusted' else 'not trusted' end as trust,
    count(*)::bigint                                  as devices
from marts.dim_devices as d
left join marts.dim_customers as c
    on c.customer_id = d.customer_id
group by all
order by all
