with

transactions as (

    select * from {{ ref('int_risk_transactions') }}

),

final as (

    {{ risk_organisation_spike_alerts(
        'high_payment_volume',
        'transactions',
        'true',
        var('risk_payment_volume_min_count'),
        var('risk_payment_volume_spike_multiplier'),
        'outgoing transactions',
    ) }}

)

select * from final
