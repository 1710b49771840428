{%- set casts = [] %}

with

source as (

    select * from {{ dq_raw_source('core_banking', 'dq_injected_defects') }}

),

renamed as (

    select

        -- attributes
        lower(trim(table_name)) as table_name,
        trim(record_key) as record_key,
        lower(trim(defect_type)) as defect_type,

        -- load audit (batch_id, loaded_at) and the quarantine's inputs
        -- (unconvertible_columns, row_hash): macros/dq/dq_raw.sql
        {{ dq_load_audit_columns(casts, 'source') }}

    from source

)

select * from renamed
