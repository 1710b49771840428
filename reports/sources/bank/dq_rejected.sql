-- Rows rejected by the staging quarantine, by raw table, reason and load.
-- A row broken in several ways counts once per reason. Reads marts only
-- (keys are not exposed to the site, only counts).
select
    table_name,
    rejection_reason,
    batch_id,
    'load ' || batch_id::varchar || ' (' || strftime(loaded_at, '%Y-%m-%d') || ')' as load_label,
    cast(loaded_at as date)   as loaded_date,
    count(*)::bigint          as rejected_rows,
    count(*) filter (where reason_count > 1)::bigint as rows_with_several_reasons
from marts.fct_dq_rejected_records
group by all
order by all
