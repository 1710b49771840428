{#-
    The risk score on the held-out days (the later days the model never saw):
    AUC, average precision (macros/risk/score_metrics.sql) and CP@k (share of fraudulent customers
    among each held-out day's k highest scores, averaged over those days:
    the per-day values are those of fct_cp_at_k_daily).
-#}

with

scores as (

    select * from {{ ref('fct_customer_risk_scores') }}

),

labels as (

    select * from {{ ref('int_risk_customer_day_labels') }}

),

cp_at_k_daily as (

    select * from {{ ref('fct_cp_at_k_daily') }}

),

labelled as (

    select
        scores.customer_id,
        scores.score_date,
        scores.risk_score,
        scores.risk_rank,
        scores.is_training_day,
        coalesce(labels.is_fraud, false) as is_fraud
    from scores
    left join labels
        on
            scores.customer_id = labels.customer_id
            and scores.score_date = labels.score_date

),

held_out as (

    select
        labelled.*,
        {{ score_rank_columns('risk_score', rows='labelled.') | indent(8) }}
    from labelled
    where not labelled.is_training_day

),

auc as (

    select
        sum(case when is_fraud then 1 else 0 end) as positive_count,
        sum(case when is_fraud then 0 else 1 end) as negative_count,
        {{ score_auc() | indent(8) }} as auc,
        {{ score_average_precision() | indent(8) }} as average_precision,
        min(score_date) as test_start_date,
        max(score_date) as test_end_date,
        count(distinct score_date) as test_day_count,
        count(*) as test_customer_day_count
    from held_out

),

cp_at_k as (

    -- an integer sum divided once, and a rounded mean of ratios: the same
    -- figures whatever order the parallel aggregation adds the days in
    select
        cast(sum(top_k_fraud_customer_count) as double)
        / (count(*) * max(cp_k)) as cp_at_k,
        round(avg(cp_at_k_attainable), 12) as cp_at_k_attainable
    from cp_at_k_daily
    where ranked_by = 'risk_score'

),

training as (

    select
        min(score_date) as train_start_date,
        max(score_date) as train_end_date,
        count(distinct score_date) as train_day_count,
        count(*) as train_customer_day_count,
        sum(case when is_fraud then 1 else 0 end) as train_positive_count
    from labelled
    where is_training_day

),

final as (

    select

        -- key
        'customer_day_risk_score' as model_name,

        -- periods
        training.train_start_date,
        training.train_end_date,
        training.train_day_count,
        training.train_customer_day_count,
        cast(training.train_positive_count as bigint) as train_positive_count,
        auc.test_start_date,
        auc.test_end_date,
        auc.test_day_count,
        auc.test_customer_day_count,
        cast(auc.positive_count as bigint) as test_positive_count,

        -- metrics on the held-out days
        auc.auc,
        auc.average_precision,
        cast({{ var('risk_cp_at_k') }} as integer) as cp_k,
        cp_at_k.cp_at_k,
        cp_at_k.cp_at_k_attainable

    from auc
    cross join cp_at_k
    cross join training

)

select * from final
