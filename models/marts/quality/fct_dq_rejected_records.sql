-- What the staging quarantine kept out of the models, and why: one row per
-- rejected raw row and reason (keys only).
with

rejected as (

    select * from {{ ref('int_dq_rejected_records') }}

),

final as (

    select
        -- ids
        table_name,
        record_key,
        -- bigint on every engine (Spark's row_number and size are ints)
        cast(key_occurrence as bigint) as key_occurrence,

        -- reason
        rejection_reason,
        cast(reason_count as bigint) as reason_count,

        -- load audit
        batch_id,
        loaded_at

    from rejected

)

select * from final
