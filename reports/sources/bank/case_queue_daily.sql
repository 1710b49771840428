-- The fraud team's queue per day (marts.fct_case_queue_daily): capacity,
-- cases opened, worked and expired, the backlog and its age, how the day's
-- fraud-queue alerts were handled, and (evaluation only, ground truth) the
-- labelled fraud value caught and missed. queue_day is the date as text for
-- the day picker. Reads marts only; one row per day.
select
    queue_date,
    strftime(queue_date, '%Y-%m-%d')      as queue_day,
    capacity_cases_per_day,
    new_cases,
    worked_cases,
    expired_cases,
    backlog_cases,
    backlog_mean_age_days,
    backlog_max_age_days,
    fraud_alerts,
    alerts_in_cases,
    suppressed_alerts,
    below_threshold_alerts,
    fraud_transactions,
    fraud_transactions_caught,
    fraud_vnd::double                     as fraud_vnd,
    fraud_vnd_caught::double              as fraud_vnd_caught,
    fraud_vnd_missed::double              as fraud_vnd_missed
from marts.fct_case_queue_daily
order by queue_date
