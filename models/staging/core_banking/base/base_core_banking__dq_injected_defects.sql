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

        -- load audit
        {{ dq_cast(casts, '_batch_id', 'integer') }} as batch_id,
        {{ dq_cast(casts, '_loaded_at', 'timestamp') }} as loaded_at,

        -- quarantine inputs (macros/dq/dq_raw.sql)
        {{ dq_unconvertible(casts) }} as unconvertible_columns,
        {{ dq_row_hash('source') }} as row_hash

    from source

)

select * from renamed
