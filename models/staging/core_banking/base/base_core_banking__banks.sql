{%- set casts = [] %}

with

source as (

    select * from {{ dq_raw_source('core_banking', 'banks') }}

),

renamed as (

    select

        -- ids
        {{ dq_cast(casts, 'bank_id', 'integer') }} as bank_id,

        -- attributes
        upper(trim(bank_code)) as bank_code,
        trim(bank_name) as bank_name,

        -- flags
        {{ dq_cast(casts, 'is_domestic', 'boolean') }} as is_domestic,
        {{ dq_cast(casts, 'is_self', 'boolean') }} as is_self,

        -- load audit
        {{ dq_cast(casts, '_batch_id', 'integer') }} as batch_id,
        {{ dq_cast(casts, '_loaded_at', 'timestamp') }} as loaded_at,

        -- quarantine inputs (macros/dq/dq_raw.sql)
        {{ dq_unconvertible(casts) }} as unconvertible_columns,
        {{ dq_row_hash('source') }} as row_hash

    from source

)

select * from renamed
