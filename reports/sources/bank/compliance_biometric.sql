-- Biometric coverage of the transactions Decision 2345 singles out, per day,
-- customer type and group. A transaction can fall in several segments.
-- Thresholds mirror the dbt vars sbv2345_i3_b_max_amount_vnd (10M) and
-- sbv2345_i3_b_max_tksth_vnd (20M); the new-device rule covers I.2-I.4.
-- Reads marts only; aggregated.
with segmented as (
    select
        transaction_date,
        coalesce(customer_type, 'unknown')          as customer_type,
        coalesce(transaction_group, 'unclassified') as transaction_group,
        is_completed,
        has_biometric_auth,
        is_compliant,
        unnest([
            case when transaction_group = 'I.3' and amount > 10000000
                then '1 Transfer above 10M' end,
            case when transaction_group = 'I.3' and amount + coalesce(tksth_before, 0) > 20000000
                then '2 Day total above 20M' end,
            case when is_new_device_transaction and transaction_group in ('I.2', 'I.3', 'I.4')
                then '3 New device' end,
            case when requires_biometric
                then '4 Any biometric requirement' end
        ]) as segment
    from marts.fct_transaction_classification
)
select
    transaction_date,
    customer_type,
    transaction_group,
    segment,
    case when is_completed then 'completed' else 'not completed' end as completion,
    count(*)::bigint                                      as transactions,
    count(*) filter (where has_biometric_auth)::bigint    as with_biometric,
    count(*) filter (where is_compliant)::bigint          as compliant
from segmented
where segment is not null
group by all
order by all
