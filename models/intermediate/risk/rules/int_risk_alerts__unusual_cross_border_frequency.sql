with

transactions as (

    select * from {{ ref('int_risk_transactions') }}

),

final as (

    {{ risk_organisation_spike_alerts(
        'unusual_cross_border_frequency',
        'transactions',
        "transaction_type = 'transfer_interbank_international'",
        var('risk_cross_border_min_count'),
        var('risk_cross_border_spike_multiplier'),
        'international transfers',
    ) }}

)

select * from final
