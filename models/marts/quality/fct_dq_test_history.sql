{#
    A view, not a table: the on-run-end hook appends an invocation's results
    after every node of that invocation ran, so a table built during a build
    would always miss the build's own tests. As a view, the history is
    complete as soon as the command ends.
#}
{{ config(materialized='view') }}

with

node_results as (

    select * from {{ ref('stg_audit__dbt_node_results') }}

),

invocations as (

    select * from {{ ref('stg_audit__dbt_invocations') }}

),

test_results as (

    select * from node_results
    where resource_type in ('test', 'unit_test')

),

final as (

    select

        -- ids
        test_results.invocation_id,
        test_results.unique_id as test_unique_id,
        test_results.node_name as test_name,
        case test_results.resource_type
            when 'unit_test' then 'unit_test'
            else 'data_test'
        end as test_type,

        -- what the test is about
        test_results.tested_node_unique_id,
        {{ dbt.split_part('test_results.tested_node_unique_id', "'.'", 1) }}
            as tested_resource_type,

        -- invocation
        invocations.command,
        invocations.target_name,
        invocations.is_full_refresh,
        invocations.started_at as invocation_started_at,

        -- outcome
        test_results.status,
        coalesce(test_results.status = 'pass', false) as is_passed,
        test_results.severity,
        test_results.failures,
        test_results.execution_time_s,
        test_results.message,

        -- timestamps (UTC)
        test_results.completed_at as test_completed_at

    from test_results

    -- left join: results whose invocation row is missing are kept
    left join invocations
        on test_results.invocation_id = invocations.invocation_id

)

select * from final
