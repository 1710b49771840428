with

source as (

    select * from {{ source('core_banking', 'fraud_labels') }}

),

renamed as (

    select

        -- ids
        cast(transaction_id as bigint) as transaction_id,
        cast(case_id as bigint) as case_id,

        -- attributes
        lower(trim(typology)) as typology,
        lower(trim(role)) as case_role,

        -- load audit
        cast(_batch_id as integer) as batch_id,
        cast(_loaded_at as timestamp) as loaded_at

    from source

)

select * from renamed
