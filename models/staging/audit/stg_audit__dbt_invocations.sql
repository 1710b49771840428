with

source as (

    select * from {{ source('audit', 'dbt_invocations') }}

),

renamed as (

    select

        -- ids
        cast(invocation_id as {{ dbt.type_string() }}) as invocation_id,

        -- attributes
        cast(command as {{ dbt.type_string() }}) as command,
        cast(target_name as {{ dbt.type_string() }}) as target_name,
        cast(dbt_version as {{ dbt.type_string() }}) as dbt_version,
        cast(is_full_refresh as boolean) as is_full_refresh,

        -- outcome
        cast(result_count as bigint) as result_count,
        cast(error_count as bigint) as error_count,
        cast(is_success as boolean) as is_success,

        -- timestamps (UTC)
        cast(started_at as timestamp) as started_at,
        cast(completed_at as timestamp) as completed_at

    from source

)

select * from renamed
