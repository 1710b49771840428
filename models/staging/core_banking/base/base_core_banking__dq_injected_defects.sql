with

source as (

    select * from {{ source('core_banking', 'dq_injected_defects') }}

),

renamed as (

    select

        -- attributes
        lower(trim(table_name)) as table_name,
        trim(record_key) as record_key,
        lower(trim(defect_type)) as defect_type,

        -- load audit
        cast(_batch_id as integer) as batch_id,
        cast(_loaded_at as timestamp) as loaded_at

    from source

)

select * from renamed
