{%- set casts = [] %}

with

source as (

    select * from {{ dq_raw_source('core_banking', 'bank_accounts') }}

),

renamed as (

    select

        -- ids
        {{ dq_cast(casts, 'account_id', 'bigint') }} as account_id,
        {{ dq_cast(casts, 'customer_id', 'bigint') }} as customer_id,

        -- attributes
        trim(account_number) as account_number,
        lower(trim(account_type)) as account_type,
        upper(trim(currency)) as currency,
        lower(trim(status)) as status,

        -- amounts
        {{ dq_cast(casts, 'balance', 'decimal(18, 2)') }} as balance,

        -- timestamps
        {{ dq_cast(casts, 'opened_at', 'timestamp') }} as opened_at,
        {{ dq_cast(casts, 'created_at', 'timestamp') }} as created_at,
        {{ dq_cast(casts, 'updated_at', 'timestamp') }} as updated_at,

        -- load audit (batch_id, loaded_at) and the quarantine's inputs
        -- (unconvertible_columns, row_hash): macros/dq/dq_raw.sql
        {{ dq_load_audit_columns(casts, 'source') }}

    from source

)

select * from renamed
