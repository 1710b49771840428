-- Non-compliant transactions per customer and day (only customer-days with
-- at least one), for the "largest non-compliant customers" table. The
-- customer is shown by internal key and masked phone only. Reads marts only.
select
    c.transaction_date,
    c.customer_id,
    coalesce(c.customer_type, 'unknown')                   as customer_type,
    coalesce(d.province_code, 'unknown')                   as province_code,
    coalesce(d.phone_number_masked, 'n/a')                 as phone_masked,
    case when c.is_completed then 'completed' else 'not completed' end as completion,
    count(*)::bigint                                       as non_compliant_transactions,
    coalesce(sum(c.amount), 0)::double                     as non_compliant_value_vnd,
    count(*) filter (where c.non_compliance_reason = 'weak_authentication')::bigint          as weak_authentication,
    count(*) filter (where c.non_compliance_reason = 'missing_biometric')::bigint            as missing_biometric,
    count(*) filter (where c.non_compliance_reason = 'no_successful_authentication')::bigint as no_successful_authentication,
    count(*) filter (where c.non_compliance_reason not in
        ('weak_authentication', 'missing_biometric', 'no_successful_authentication'))::bigint as other_reason
from marts.fct_transaction_classification as c
left join marts.dim_customers as d
    on d.customer_id = c.customer_id
where not c.is_compliant
group by all
order by all
