{#- What the bank knows about fraud, and from when: one row per
    customer-day a label names, with the day it became known. The training
    of the risk score (int_risk_model_versions) reads these, never the
    simulator's ground truth, and only the rows known by its training date.
    - A disposition (investigators' decision on a worked case) labels the
      customer's fraud-queue alert days from the case's opening day (named
      by its id, C<yyyymmdd>-<customer>) to the decision, known from the
      decided day.
    - A complaint (a customer reporting a fraud) labels the day of the
      transaction it names, known from the reported day.
    A label is known from its own day, or from the first simulated day of
    the load that landed it when that is later (a backlog: decided before
    its load, e.g. on the first load's cases, which only the next load
    can carry). A model trained through day T therefore sees exactly the
    labels the loads up to T's had landed, so a rebuild from the same raw
    data trains the same models as the nights that built them. -#}

with

dispositions as (

    select * from {{ ref('stg_core_banking__case_dispositions') }}

),

complaints as (

    select * from {{ ref('stg_core_banking__fraud_complaints') }}

),

alert_days as (

    select distinct
        customer_id,
        alert_date
    from {{ ref('int_risk_case_alerts') }}

),

transactions as (

    select * from {{ ref('int_risk_transactions') }}

),

-- the first simulated day of each load (empty without the load log: then
-- a label is known from its own day)
loads as (

    select
        batch_id,
        start_date + cast(
            sum(simulated_days) over (order by batch_id) - simulated_days
            as integer
        ) as first_simulated_date
    from {{ ref('stg_seeder__loads') }}

),

opened as (

    select
        *,
        {{ date_from_key_text('substr(case_id, 2, 8)') }} as opened_date
    from dispositions

),

disposition_days as (

    select
        opened.customer_id,
        alert_days.alert_date as score_date,
        opened.is_confirmed_fraud as is_fraud,
        greatest(opened.decided_date, loads.first_simulated_date) as known_date,
        'disposition' as label_source,
        opened.case_id as label_id
    from opened
    left join loads
        on opened.batch_id = loads.batch_id
    inner join alert_days
        on
            opened.customer_id = alert_days.customer_id
            and alert_days.alert_date
            between opened.opened_date and opened.decided_date

),

complaint_days as (

    select
        complaints.customer_id,
        transactions.transaction_date as score_date,
        true as is_fraud,
        greatest(complaints.reported_date, loads.first_simulated_date)
            as known_date,
        'complaint' as label_source,
        cast(complaints.complaint_id as string) as label_id
    from complaints
    left join loads
        on complaints.batch_id = loads.batch_id
    inner join transactions
        on complaints.transaction_id = transactions.transaction_id

),

final as (

    select * from disposition_days
    union all
    select * from complaint_days

)

select * from final
