-- Injected data-quality defects (simulator ground truth) vs rows the
-- quarantine caught, per raw table and defect type. Reads marts only.
select
    table_name,
    defect_type,
    injected_rows,
    detected_rows,
    missed_rows,
    rejected_rows,
    false_detections,
    recall,
    detection_precision
from marts.fct_dq_defect_detection
order by table_name, defect_type
