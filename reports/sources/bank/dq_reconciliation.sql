-- Raw rows = clean rows + rejected rows, per raw table. Reads marts only.
select
    table_name,
    raw_rows,
    clean_rows,
    rejected_rows,
    is_reconciled,
    rejected_rows::double / nullif(raw_rows, 0) as rejected_share
from marts.fct_dq_reconciliation
order by raw_rows desc
