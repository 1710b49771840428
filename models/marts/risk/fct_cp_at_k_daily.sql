{#-
    CP@k per day (k = risk_cp_at_k), the one place it is computed:
    fct_alert_performance and fct_model_evaluation average these rows.
    - alert_count: per evaluation scope (int_risk_evaluation_scopes) and
      day of data, the k customers with most alerts of the scope that day
      (ties by customer id); fraudulent = a labelled transaction of the
      target typology initiated that day. Days without alerts count (0).
    - risk_score: per held-out day of the risk score, the k highest scores
      (risk_rank); fraudulent = int_risk_customer_day_labels.
    Labels are read here to evaluate, never as a rule input.
-#}
{%- set k = var('risk_cp_at_k') -%}

with

scopes as (

    select * from {{ ref('int_risk_evaluation_scopes') }}

),

alert_transactions as (

    select * from {{ ref('int_risk_alert_transactions') }}

),

transactions as (

    select * from {{ ref('int_risk_transactions') }}

),

fraud_labels as (

    select * from {{ ref('stg_core_banking__fraud_labels') }}

),

scores as (

    select * from {{ ref('fct_customer_risk_scores') }}

),

customer_day_labels as (

    select * from {{ ref('int_risk_customer_day_labels') }}

),

-- alert rankings ---------------------------------------------------------

scope_pairs as (

    select distinct
        scope_id,
        target_typology
    from scopes

),

days as (

    select distinct transaction_date from transactions

),

labelled_customer_days as (

    select distinct
        transactions.customer_id,
        transactions.transaction_date,
        fraud_labels.typology
    from fraud_labels
    inner join transactions
        on fraud_labels.transaction_id = transactions.transaction_id

),

customer_day_alerts as (

    select
        scopes.scope_id,
        scopes.target_typology,
        alert_transactions.transaction_date,
        alert_transactions.customer_id,
        count(distinct alert_transactions.alert_id) as alert_count
    from alert_transactions
    inner join scopes
        on alert_transactions.rule_id = scopes.member_rule_id
    group by all

),

alert_ranks as (

    select
        customer_day_alerts.*,
        row_number() over (
            partition by
                customer_day_alerts.scope_id,
                customer_day_alerts.target_typology,
                customer_day_alerts.transaction_date
            order by
                customer_day_alerts.alert_count desc,
                customer_day_alerts.customer_id asc
        ) as risk_rank
    from customer_day_alerts

),

alert_top_k as (

    select
        alert_ranks.scope_id,
        alert_ranks.target_typology,
        alert_ranks.transaction_date,
        count(distinct alert_ranks.risk_rank) as ranked_customer_count,
        count(distinct labelled.customer_id) as top_k_fraud_customer_count
    from alert_ranks
    left join labelled_customer_days as labelled
        on
            alert_ranks.customer_id = labelled.customer_id
            and alert_ranks.transaction_date = labelled.transaction_date
            and {{ risk_typology_counts_for(
                'labelled.typology', 'alert_ranks.target_typology'
            ) }}
    where alert_ranks.risk_rank <= {{ k }}
    group by all

),

scope_fraud_customers as (

    select
        scope_pairs.scope_id,
        scope_pairs.target_typology,
        labelled.transaction_date,
        count(distinct labelled.customer_id) as fraud_customer_count
    from scope_pairs
    inner join labelled_customer_days as labelled
        on {{ risk_typology_counts_for(
            'labelled.typology', 'scope_pairs.target_typology'
        ) }}
    group by all

),

alert_days as (

    select
        'alert_count' as ranked_by,
        scope_pairs.scope_id,
        scope_pairs.target_typology,
        days.transaction_date as cp_date,
        coalesce(alert_top_k.ranked_customer_count, 0)
            as ranked_customer_count,
        coalesce(alert_top_k.top_k_fraud_customer_count, 0)
            as top_k_fraud_customer_count,
        coalesce(scope_fraud_customers.fraud_customer_count, 0)
            as fraud_customer_count
    from scope_pairs
    cross join days
    left join alert_top_k
        on
            scope_pairs.scope_id = alert_top_k.scope_id
            and scope_pairs.target_typology = alert_top_k.target_typology
            and days.transaction_date = alert_top_k.transaction_date
    left join scope_fraud_customers
        on
            scope_pairs.scope_id = scope_fraud_customers.scope_id
            and scope_pairs.target_typology
            = scope_fraud_customers.target_typology
            and days.transaction_date = scope_fraud_customers.transaction_date

),

-- risk score ranking (held-out days only) --------------------------------

held_out_scores as (

    select
        scores.score_date,
        scores.risk_rank,
        coalesce(customer_day_labels.is_fraud, false) as is_fraud
    from scores
    left join customer_day_labels
        on
            scores.customer_id = customer_day_labels.customer_id
            and scores.score_date = customer_day_labels.score_date
    where not scores.is_training_day

),

score_days as (

    select
        'risk_score' as ranked_by,
        'customer_day_risk_score' as scope_id,
        'any' as target_typology,
        score_date as cp_date,
        sum(case when risk_rank <= {{ k }} then 1 else 0 end)
            as ranked_customer_count,
        sum(case when is_fraud and risk_rank <= {{ k }} then 1 else 0 end)
            as top_k_fraud_customer_count,
        sum(case when is_fraud then 1 else 0 end) as fraud_customer_count
    from held_out_scores
    group by all

),

-- both rankings, one computation -----------------------------------------

ranking_days as (

    select * from alert_days
    union all
    select * from score_days

),

final as (

    select

        -- keys
        ranked_by,
        scope_id,
        target_typology as typology,
        cp_date,

        -- counts
        cast({{ k }} as integer) as cp_k,
        cast(ranked_customer_count as bigint) as ranked_customer_count,
        cast(top_k_fraud_customer_count as bigint)
            as top_k_fraud_customer_count,
        cast(fraud_customer_count as bigint) as fraud_customer_count,

        -- rates
        cast(top_k_fraud_customer_count as double) / {{ k }} as cp_at_k,
        cast(least(fraud_customer_count, {{ k }}) as double) / {{ k }}
            as max_cp_at_k,
        cast(top_k_fraud_customer_count as double)
        / nullif(least(fraud_customer_count, {{ k }}), 0)
            as cp_at_k_attainable

    from ranking_days

)

select * from final
