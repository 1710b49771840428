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

        -- load audit (batch_id, loaded_at) and the quarantine's inputs
        -- (unconvertible_columns, row_hash): macros/dq/dq_raw.sql
        {{ dq_load_audit_columns(casts, 'source') }}

    from source

)

select * from renamed
