with

paths as (

    select * from {{ ref('int_risk_transfer_paths') }}

),

final as (

    {{ risk_chain_alerts(
        'cycle',
        'paths',
        'closing_hop_no >= ' ~ var('risk_cycle_min_hops'),
        'returned',
    ) }}

)

select * from final
