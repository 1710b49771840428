{#- The risk models against the ground truth, on the same held-out days
    (docs/risk-model.md): the champion and the challenger, which learnt
    only from what the bank knew (dispositions and complaints, each from
    its decided day), beside the reference model trained on the
    simulator's perfect, instant labels (fct_customer_risk_scores). The
    days compared are those every model scored out of sample: logged days
    (each scored by models trained before it, after the label gap) that
    are also held-out days of the reference. One row per model:
    AUC (Mann-Whitney, ties at their mean rank), average precision (scores
    descending, ties by customer then day) and CP@k (fraudulent customers
    among each day's k highest scores, averaged over the days). -#}

with

score_log as (

    select * from {{ ref('int_risk_score_log') }}

),

reference as (

    select * from {{ ref('fct_customer_risk_scores') }}
    where not is_training_day

),

labels as (

    select * from {{ ref('int_risk_customer_day_labels') }}

),

compared_days as (

    select distinct score_log.score_date
    from score_log
    where
        score_log.is_champion
        and score_log.score_date in (select reference.score_date from reference)

),

scores as (

    select
        case
            when is_champion then 'champion' else 'challenger'
        end as model_role,
        'known_labels' as trained_on,
        customer_id,
        score_date,
        score
    from score_log
    where score_date in (select compared_days.score_date from compared_days)

    union all

    select
        'ground_truth_reference' as model_role,
        'ground_truth' as trained_on,
        customer_id,
        score_date,
        risk_score as score
    from reference
    where score_date in (select compared_days.score_date from compared_days)

),

labelled as (

    select
        scores.*,
        coalesce(labels.is_fraud, false) as is_fraud
    from scores
    left join labels
        on
            scores.customer_id = labels.customer_id
            and scores.score_date = labels.score_date

),

ranked as (

    select
        labelled.*,
        {{ score_rank_columns(
            'score', rows='labelled.', partition_by='labelled.model_role'
        ) | indent(8) }},
        row_number() over (
            partition by labelled.model_role, labelled.score_date
            order by labelled.score desc, labelled.customer_id asc
        ) as daily_rank
    from labelled

),

metrics as (

    select
        model_role,
        any_value(trained_on) as trained_on,
        min(score_date) as test_start_date,
        max(score_date) as test_end_date,
        count(distinct score_date) as test_day_count,
        count(*) as test_customer_day_count,
        sum(case when is_fraud then 1 else 0 end) as positive_count,
        {{ score_auc() | indent(8) }} as auc,
        {{ score_average_precision() | indent(8) }} as average_precision,
        sum(
            case
                when
                    is_fraud and daily_rank <= {{ var('risk_cp_at_k') }}
                    then 1
                else 0
            end
        ) as top_k_fraud_count
    from ranked
    group by 1

),

final as (

    select
        model_role,
        trained_on,
        test_start_date,
        test_end_date,
        test_day_count,
        test_customer_day_count,
        cast(positive_count as bigint) as test_positive_count,
        auc,
        average_precision,
        cast({{ var('risk_cp_at_k') }} as integer) as cp_k,
        cast(top_k_fraud_count as double)
        / nullif(test_day_count * {{ var('risk_cp_at_k') }}, 0) as cp_at_k
    from metrics

)

select * from final
