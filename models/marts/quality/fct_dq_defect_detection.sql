-- How well the staging quarantine catches the defects the simulator injected:
-- per raw table and defect type, injected rows, rows caught with that reason,
-- rows missed, rows rejected with that reason that were not injected, recall
-- and precision. Both must be 1.0 on a simulated warehouse. With no ground
-- truth at all (a real feed, a hand-made contract fixture) a rejection is a
-- defect found, not a false one: rejected_rows still counts it, while false
-- detections, recall and precision are null.
with

matched as (

    select * from {{ ref('int_dq_defects_matched') }}

),

ground_truth as (

    select count(*) > 0 as has_ground_truth
    from {{ ref('stg_core_banking__dq_injected_defects') }}

),

counts as (

    select
        table_name,
        defect_type,
        count(*) filter (where is_injected) as injected_rows,
        count(*) filter (where is_rejected) as rejected_rows,
        count(*) filter (where is_injected and is_rejected) as detected_rows,
        count(*) filter (where is_injected and not is_rejected) as missed_rows,
        count(*) filter (where is_rejected and not is_injected)
            as false_detections
    from matched
    group by all

),

final as (

    select
        -- ids
        counts.table_name,
        counts.defect_type,

        -- counts
        counts.injected_rows,
        counts.detected_rows,
        counts.missed_rows,
        counts.rejected_rows,
        case
            when ground_truth.has_ground_truth then counts.false_detections
        end as false_detections,

        -- rates
        case
            when ground_truth.has_ground_truth and counts.injected_rows > 0
                then
                    cast(counts.detected_rows as double) / counts.injected_rows
        end as recall,
        case
            when
                ground_truth.has_ground_truth
                and counts.detected_rows + counts.false_detections > 0
                then
                    cast(counts.detected_rows as double)
                    / (counts.detected_rows + counts.false_detections)
        end as detection_precision

    from counts
    cross join ground_truth

)

select * from final
