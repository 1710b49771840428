-- Every test result that was not a pass, with the node it tests, across the
-- audit history (newest first). Reads marts only.
select
    invocation_started_at,
    command,
    target_name,
    test_name,
    test_type,
    coalesce(tested_resource_type, 'n/a')                         as tested_resource_type,
    coalesce(regexp_extract(tested_node_unique_id, '[^.]+$'), '') as tested_node,
    status,
    severity,
    failures,
    message
from marts.fct_dq_test_history
where status <> 'pass'
order by invocation_started_at desc, status, test_name
