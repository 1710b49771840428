{%- set casts = [] %}

with

source as (

    select * from {{ dq_raw_source('core_banking', 'other_bank_accounts') }}

),

renamed as (

    select

        -- ids
        {{ dq_cast(casts, 'external_account_id', 'bigint') }}
            as external_account_id,
        {{ dq_cast(casts, 'counterparty_id', 'bigint') }} as counterparty_id,
        {{ dq_cast(casts, 'bank_id', 'integer') }} as bank_id,

        -- attributes
        trim(account_number) as account_number,

        -- load audit (batch_id, loaded_at) and the quarantine's inputs
        -- (unconvertible_columns, row_hash): macros/dq/dq_raw.sql
        {{ dq_load_audit_columns(casts, 'source') }}

    from source

)

select * from renamed
