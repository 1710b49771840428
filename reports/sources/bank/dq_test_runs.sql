-- dbt test results per invocation (audit history): how many tests ran and
-- how many passed, warned, failed or errored. Reads marts only.
select
    invocation_id,
    invocation_started_at,
    cast(invocation_started_at as date)                     as invocation_date,
    strftime(invocation_started_at, '%Y-%m-%d %H:%M') || ' ' || command || ' (' || target_name || ')'
                                                            as invocation_label,
    command,
    target_name,
    count(*)::bigint                                        as tests,
    count(*) filter (where status = 'pass')::bigint         as passed,
    count(*) filter (where status = 'warn')::bigint         as warned,
    count(*) filter (where status = 'fail')::bigint         as failed,
    count(*) filter (where status = 'error')::bigint        as errored,
    count(*) filter (where status = 'skipped')::bigint      as skipped,
    count(*) filter (where test_type = 'unit_test')::bigint as unit_tests,
    coalesce(sum(failures), 0)::bigint                      as failing_rows,
    count(*) filter (where status = 'pass')::double / count(*) as pass_rate,
    sum(execution_time_s)::double                           as test_time_s
from marts.fct_dq_test_history
group by all
order by invocation_started_at
