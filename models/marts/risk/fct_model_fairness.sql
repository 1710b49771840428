{#-
    Who the risk scores flag, by sensitive slice (evaluation only): the
    reference score on its held-out days and the bank's champion on the
    days it served, apart: per gender, age band, province and customer type,
    the customer-days scored, the share flagged (in the day's top k of the
    score, var risk_cp_at_k, as the investigators would see them), the
    observed fraud rate and the precision of the flags. disparity_ratio is
    a slice's flagged share over the whole bank's (1: flagged as often as
    the average customer-day); fraud_rate_ratio the same for the ground
    truth, so a disparity that the slice's own fraud rate does not explain
    stands out.
-#}

with

-- the reference score on its held-out days, and the bank's champion on
-- the days it served; flagged: in the day's top k of that score
scores as (

    select
        'reference' as scored_by,
        customer_id,
        score_date,
        risk_rank <= {{ var('risk_cp_at_k') }} as is_flagged
    from {{ ref('fct_customer_risk_scores') }}
    where not is_training_day

    union all

    select
        'champion' as scored_by,
        customer_id,
        score_date,
        row_number() over (
            partition by score_date order by score desc, customer_id asc
        ) <= {{ var('risk_cp_at_k') }} as is_flagged
    from {{ ref('int_risk_score_log') }}
    where is_champion

),

labels as (

    select * from {{ ref('int_risk_customer_day_labels') }}

),

customers as (

    select * from {{ ref('dim_customers') }}

),

scored as (

    select
        scores.scored_by,
        coalesce(customers.gender, 'unknown') as gender,
        case
            when customers.age_years is null then 'unknown'
            when customers.age_years < 25 then 'under 25'
            when customers.age_years < 35 then '25-34'
            when customers.age_years < 45 then '35-44'
            when customers.age_years < 55 then '45-54'
            when customers.age_years < 65 then '55-64'
            else '65 and over'
        end as age_band,
        coalesce(customers.province_code, 'unknown') as province,
        coalesce(customers.customer_type, 'unknown') as customer_type,
        scores.is_flagged,
        labels.customer_id is not null as is_fraud
    from scores
    left join customers
        on scores.customer_id = customers.customer_id
    left join labels
        on
            scores.customer_id = labels.customer_id
            and scores.score_date = labels.score_date

),

slices as (

    {% for dimension in ['gender', 'age_band', 'province', 'customer_type'] -%}
    select
        scored_by,
        '{{ dimension }}' as dimension,
        {{ dimension }} as slice,
        is_flagged,
        is_fraud
    from scored
    union all
    {% endfor -%}
    select
        scored_by,
        'all' as dimension,
        'all' as slice,
        is_flagged,
        is_fraud
    from scored

),

rates as (

    select
        scored_by,
        dimension,
        slice,
        count(*) as customer_day_count,
        count(*) filter (where is_flagged) as flagged_count,
        count(*) filter (where is_fraud) as fraud_count,
        count(*) filter (where is_flagged and is_fraud) as flagged_fraud_count
    from slices
    group by all

),

overall as (

    select
        scored_by,
        flagged_count / customer_day_count as flagged_share,
        fraud_count / customer_day_count as fraud_rate
    from rates
    where dimension = 'all'

),

final as (

    select
        rates.scored_by,
        rates.dimension,
        rates.slice,
        rates.customer_day_count,
        rates.flagged_count,
        rates.flagged_count / rates.customer_day_count as flagged_share,
        rates.fraud_count,
        rates.fraud_count / rates.customer_day_count as fraud_rate,
        rates.flagged_fraud_count / nullif(rates.flagged_count, 0)
            as flag_precision,
        rates.flagged_count
        / rates.customer_day_count
        / nullif(overall.flagged_share, 0) as disparity_ratio,
        rates.fraud_count
        / rates.customer_day_count
        / nullif(overall.fraud_rate, 0) as fraud_rate_ratio
    from rates
    inner join overall
        on rates.scored_by = overall.scored_by

)

select * from final
