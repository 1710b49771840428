with

behaviour as (

    select * from {{ ref('int_risk_customer_daily_behaviour') }}

),

alert_transactions as (

    select * from {{ ref('int_risk_alert_transactions') }}

),

alert_counts as (

    select
        alert_transactions.customer_id,
        alert_transactions.transaction_date,
        count(distinct alert_transactions.alert_id) as alert_count,
        count(
            distinct case
                when
                    alert_transactions.rule_id in (
                    {%- for rule in risk_rule_catalogue()
                        if rule.basis == 'typology' %}
                        '{{ rule.rule_id }}'{% if not loop.last %},{% endif %}
                        {%- endfor %}
                    )
                    then alert_transactions.alert_id
            end
        ) as typology_alert_count
    from alert_transactions
    group by all

),

final as (

    select

        -- keys
        behaviour.customer_id,
        behaviour.transaction_date as score_date,

        -- behavioural features
        behaviour.transaction_count,
        behaviour.outgoing_amount,
        behaviour.max_window_transaction_count,
        behaviour.new_device_share,
        behaviour.new_payee_share,
        behaviour.amount_deviation,
        behaviour.night_share,
        behaviour.failed_auth_ratio,
        behaviour.incoming_sender_count,
        coalesce(alert_counts.alert_count, 0) as alert_count,
        coalesce(alert_counts.typology_alert_count, 0)
            as typology_alert_count,
        behaviour.new_payee_max_amount,
        behaviour.new_payee_amount_deviation

    from behaviour

    left join alert_counts
        on
            behaviour.customer_id = alert_counts.customer_id
            and behaviour.transaction_date = alert_counts.transaction_date

)

select * from final
