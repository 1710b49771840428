-- Every injected defect (ground truth) and every rejection of the staging
-- quarantine, matched on table, key and defect type. Used only to evaluate
-- the quarantine; no model uses the ground truth as input to a rule.
with

injected as (

    select
        table_name,
        record_key,
        defect_type
    from {{ ref('stg_core_banking__dq_injected_defects') }}

),

rejected as (

    select distinct
        table_name,
        record_key,
        rejection_reason as defect_type
    from {{ ref('int_dq_rejected_records') }}

),

matched as (

    select
        -- ids
        coalesce(injected.table_name, rejected.table_name) as table_name,
        coalesce(injected.record_key, rejected.record_key) as record_key,
        coalesce(injected.defect_type, rejected.defect_type) as defect_type,

        -- outcome
        injected.record_key is not null as is_injected,
        rejected.record_key is not null as is_rejected

    from injected
    full outer join rejected
        on
            injected.table_name = rejected.table_name
            and injected.record_key = rejected.record_key
            and injected.defect_type = rejected.defect_type

)

select * from matched
