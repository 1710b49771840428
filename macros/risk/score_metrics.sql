{#- The ranking metrics of a score against a boolean outcome, in one place
    for every model evaluated (fct_model_evaluation,
    fct_risk_model_comparison). Rows: customer_id, score_date, the score
    and is_fraud; `partition_by` evaluates several scores apart.

    score_rank_columns: the window columns the aggregates need: the rank
    of the score ascending (ties share the lowest rank) and the size of
    its tie, the frauds so far and the position in the order scores
    descending, ties by customer then day.
    score_auc: AUC, the Mann-Whitney rank statistic with ties at their
    mean rank.
    score_average_precision: the mean precision at each fraud, rounded to
    12 digits: a mean of doubles may differ in its last bits with the
    order the threads add them in. -#}

{% macro score_rank_columns(score, rows='', partition_by=none) -%}
{%- set over = 'partition by ' ~ partition_by ~ ' ' if partition_by else '' -%}
rank() over ({{ over }}order by {{ rows }}{{ score }}) as score_rank,
count(*) over (
    partition by {{ partition_by ~ ', ' if partition_by }}{{ rows }}{{ score }}
) as tie_count,
sum(case when {{ rows }}is_fraud then 1 else 0 end) over (
    {{ over }}order by
        {{ rows }}{{ score }} desc,
        {{ rows }}customer_id asc,
        {{ rows }}score_date asc
    rows between unbounded preceding and current row
) as fraud_so_far,
row_number() over (
    {{ over }}order by
        {{ rows }}{{ score }} desc,
        {{ rows }}customer_id asc,
        {{ rows }}score_date asc
) as score_position
{%- endmacro %}

{% macro score_auc() -%}
(
    sum(
        case
            when is_fraud then score_rank + (tie_count - 1) / 2.0
        end
    )
    - sum(case when is_fraud then 1 else 0 end)
    * (sum(case when is_fraud then 1 else 0 end) + 1) / 2.0
)
/ nullif(
    cast(sum(case when is_fraud then 1 else 0 end) as double)
    * sum(case when is_fraud then 0 else 1 end),
    0
)
{%- endmacro %}

{% macro score_average_precision() -%}
round(avg(
    case
        when is_fraud then cast(fraud_so_far as double) / score_position
    end
), 12)
{%- endmacro %}
