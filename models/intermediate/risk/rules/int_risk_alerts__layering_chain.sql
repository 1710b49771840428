with

paths as (

    select * from {{ ref('int_risk_transfer_paths') }}

),

final as (

    {{ risk_chain_alerts(
        'layering_chain',
        'paths',
        'hop_count >= ' ~ var('risk_layering_min_hops') ~ ' and not is_closed',
        'passed on',
    ) }}

)

select * from final
