-- SBV 2345 classification per day: required class (A-D), achieved class,
-- compliance and its reason, per customer type, group and completion.
-- Reads marts only; aggregated.
select
    transaction_date,
    coalesce(customer_type, 'unknown')                   as customer_type,
    coalesce(transaction_group, 'unclassified')          as transaction_group,
    coalesce(required_auth_level, 'unclassified')        as required_class,
    coalesce(achieved_auth_level, 'none')                as achieved_class,
    case when is_completed then 'completed' else 'not completed' end as completion,
    is_compliant,
    coalesce(non_compliance_reason, 'compliant')         as compliance_reason,
    count(*)::bigint                                     as transactions,
    coalesce(sum(amount), 0)::double                     as value_vnd
from marts.fct_transaction_classification
group by all
order by all
