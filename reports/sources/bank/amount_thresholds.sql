-- The regulatory amount thresholds the pages print, as the dbt vars set them
-- (marts.dim_amount_thresholds), in one row: I.2's class A and B bounds,
-- I.3's biometric thresholds on G and on the day's Tksth, the large-value
-- report. Reads marts only.
select
    any_value(amount_label) filter (where threshold_name = 'sbv2345_i2_a_max_vnd') as i2_a,
    any_value(amount_label) filter (where threshold_name = 'sbv2345_i2_b_max_vnd') as i2_b,
    any_value(amount_label) filter (where threshold_name = 'sbv2345_i3_b_max_amount_vnd')
        as i3_g,
    any_value(amount_label) filter (where threshold_name = 'sbv2345_i3_b_max_tksth_vnd')
        as i3_day,
    any_value(amount_label) filter (where threshold_name = 'risk_large_value_report_vnd')
        as report
from marts.dim_amount_thresholds
