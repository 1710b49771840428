-- Logins and authentication attempts of the customers with a case
-- (marts.fct_case_customer_events): from 30 days before each customer's
-- first case, by internal key only, no IP address. Reads marts only;
-- bounded by the customers with a case.
select
    e.event_type,
    e.event_id,
    e.customer_id,
    e.customer_id::varchar                    as customer_key,
    e.device_id,
    e.transaction_id,
    e.event_ts,
    e.event_date,
    e.event_result,
    e.is_success,
    coalesce(e.method_name, '')               as method_name,
    coalesce(e.security_level, '')            as security_level
from marts.fct_case_customer_events as e
order by e.customer_id, e.event_ts, e.event_type, e.event_id
