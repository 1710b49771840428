-- Biometric coverage of the transactions Decision 2345 singles out, per day,
-- customer type and group. A transaction can fall in several segments.
-- The I.3 biometric thresholds (on one transaction, on the day's Tksth)
-- are read from marts.dim_amount_thresholds (the dbt vars
-- sbv2345_i3_b_max_amount_vnd and sbv2345_i3_b_max_tksth_vnd); the
-- new-device rule covers I.2-I.4. Reads marts only; aggregated.
with bound as (
    select
        any_value(amount_vnd) filter (where threshold_name = 'sbv2345_i3_b_max_amount_vnd')
            as i3_g,
        any_value(amount_label) filter (where threshold_name = 'sbv2345_i3_b_max_amount_vnd')
            as i3_g_label,
        any_value(amount_vnd) filter (where threshold_name = 'sbv2345_i3_b_max_tksth_vnd')
            as i3_day,
        any_value(amount_label) filter (where threshold_name = 'sbv2345_i3_b_max_tksth_vnd')
            as i3_day_label
    from marts.dim_amount_thresholds
),
segmented as (
    select
        transaction_date,
        coalesce(customer_type, 'unknown')          as customer_type,
        coalesce(transaction_group, 'unclassified') as transaction_group,
        is_completed,
        has_biometric_auth,
        is_compliant,
        unnest([
            case when transaction_group = 'I.3' and amount > b.i3_g
                then '1 Transfer above ' || b.i3_g_label end,
            case when transaction_group = 'I.3' and amount + coalesce(tksth_before, 0) > b.i3_day
                then '2 Day total above ' || b.i3_day_label end,
            case when is_new_device_transaction and transaction_group in ('I.2', 'I.3', 'I.4')
                then '3 New device' end,
            case when requires_biometric
                then '4 Any biometric requirement' end
        ]) as segment
    from marts.fct_transaction_classification
    cross join bound as b
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
