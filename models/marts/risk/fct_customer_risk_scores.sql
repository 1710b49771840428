with

features as (

    select * from {{ ref('int_risk_customer_daily_features') }}

),

scores as (

    select * from {{ ref('int_risk_customer_scores') }}

),

final as (

    select

        -- keys
        features.customer_id,
        features.score_date,

        -- behavioural features
        features.transaction_count,
        cast(features.outgoing_amount as decimal(18, 2)) as outgoing_amount,
        features.max_window_transaction_count,
        features.new_device_share,
        features.new_payee_share,
        features.amount_deviation,
        features.night_share,
        features.failed_auth_ratio,
        features.incoming_sender_count,
        features.alert_count,
        features.typology_alert_count,

        -- score
        scores.risk_score,
        row_number() over (
            partition by features.score_date
            order by scores.risk_score desc, features.customer_id asc
        ) as risk_rank,
        scores.is_training_day

    from features

    inner join scores
        on
            features.customer_id = scores.customer_id
            and features.score_date = cast(scores.score_date as date)

)

select * from final
