-- Transaction amounts in bands that follow the regulatory thresholds, per
-- day, customer type and SBV 2345 group. The bounds and their labels come
-- from marts.dim_amount_thresholds (the dbt vars): I.2's class A and B
-- bounds on G+T, I.3's biometric thresholds on G and on G+Tksth and the
-- large-value report (from its amount on); below them 100k and 1M. Bounds
-- are inclusive, as in the rule book. Reads marts only.
with bound as (
    select
        any_value(amount_vnd) filter (where threshold_name = 'sbv2345_i2_a_max_vnd')
            as i2_a,
        any_value(amount_label) filter (where threshold_name = 'sbv2345_i2_a_max_vnd')
            as i2_a_label,
        any_value(amount_vnd) filter (where threshold_name = 'sbv2345_i3_b_max_amount_vnd')
            as i3_g,
        any_value(amount_label) filter (where threshold_name = 'sbv2345_i3_b_max_amount_vnd')
            as i3_g_label,
        any_value(amount_vnd) filter (where threshold_name = 'sbv2345_i3_b_max_tksth_vnd')
            as i3_day,
        any_value(amount_label) filter (where threshold_name = 'sbv2345_i3_b_max_tksth_vnd')
            as i3_day_label,
        any_value(amount_vnd) filter (where threshold_name = 'sbv2345_i2_b_max_vnd')
            as i2_b,
        any_value(amount_label) filter (where threshold_name = 'sbv2345_i2_b_max_vnd')
            as i2_b_label,
        any_value(amount_vnd) filter (where threshold_name = 'risk_large_value_report_vnd')
            as report,
        any_value(amount_label) filter (where threshold_name = 'risk_large_value_report_vnd')
            as report_label
    from marts.dim_amount_thresholds
),
banded as (
    select
        t.transaction_date,
        coalesce(t.customer_type, 'unknown')          as customer_type,
        coalesce(c.transaction_group, 'unclassified') as transaction_group,
        t.is_completed,
        t.amount,
        case
            when t.amount <= 0        then 0
            when t.amount <= 100000   then 1
            when t.amount <= 1000000  then 2
            when t.amount <= b.i2_a   then 3
            when t.amount <= b.i3_g   then 4
            when t.amount <= b.i3_day then 5
            when t.amount <= b.i2_b   then 6
            when t.amount < b.report  then 7
            else 8
        end as amount_band_order
    from marts.fct_transactions as t
    cross join bound as b
    left join marts.fct_transaction_classification as c
        on c.transaction_id = t.transaction_id
)
select
    d.transaction_date,
    d.customer_type,
    d.transaction_group,
    d.amount_band_order,
    case d.amount_band_order
        when 0 then '0 (inquiry)'
        when 1 then '≤ 100k'
        when 2 then '100k – 1M'
        when 3 then '1M – ' || b.i2_a_label
        when 4 then b.i2_a_label || ' – ' || b.i3_g_label
        when 5 then b.i3_g_label || ' – ' || b.i3_day_label
        when 6 then b.i3_day_label || ' – ' || b.i2_b_label
        when 7 then b.i2_b_label || ' – ' || b.report_label
        else '≥ ' || b.report_label || ' (report)'
    end                                                          as amount_band,
    count(*)::bigint                                             as transactions,
    coalesce(sum(d.amount) filter (where d.is_completed), 0)::double as completed_value_vnd
from banded as d
cross join bound as b
group by all
order by all
