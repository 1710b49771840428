{{ config(meta={'latest_load_column': 'batch_id'}) }}

with

source as (

    select * from {{ source('core_banking', 'authentication_logs') }}

),

renamed as (

    select

        -- ids
        cast(auth_log_id as bigint) as auth_log_id,
        cast(transaction_id as bigint) as transaction_id,
        cast(auth_method_id as integer) as auth_method_id,

        -- attributes
        lower(trim(auth_result)) as auth_result,
        trim(failure_reason) as failure_reason,

        -- timestamps
        cast(auth_ts as timestamp) as auth_ts,

        -- load audit
        cast(_batch_id as integer) as batch_id,
        cast(_loaded_at as timestamp) as loaded_at

    from source

)

select * from renamed
