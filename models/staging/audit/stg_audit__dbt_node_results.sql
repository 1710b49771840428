with

source as (

    select * from {{ source('audit', 'dbt_node_results') }}

),

renamed as (

    select

        -- ids
        cast(invocation_id as {{ dbt.type_string() }}) as invocation_id,
        cast(unique_id as {{ dbt.type_string() }}) as unique_id,
        cast(
            tested_node_unique_id as {{ dbt.type_string() }}
        ) as tested_node_unique_id,

        -- attributes
        lower(resource_type) as resource_type,
        cast(node_name as {{ dbt.type_string() }}) as node_name,
        lower(status) as status,
        lower(severity) as severity,
        cast(message as {{ dbt.type_string() }}) as message,
        cast(thread_id as {{ dbt.type_string() }}) as thread_id,

        -- measures
        cast(rows_affected as bigint) as rows_affected,
        cast(failures as bigint) as failures,
        cast(execution_time_s as double) as execution_time_s,

        -- timestamps (UTC)
        cast(started_at as timestamp) as started_at,
        cast(completed_at as timestamp) as completed_at

    from source

)

select * from renamed
