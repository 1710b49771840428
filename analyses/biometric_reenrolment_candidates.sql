-- Customers who need biometric re-enrolment
--
-- Question: which individual customers, in the last days of data, made
-- transactions that Decision 2345 says need a biometric match (I.3 over
-- 10M / taking Tksth over 20M, or a first transaction on a new device)
-- without a successful one? They should be asked to (re-)enrol their face
-- against their chip CCCD / VNeID before their next such transfer.
-- Grain: one row per customer, the most affected first.
-- Parameters (dbt vars): lookback_days (default 7) before the last
-- transaction date in the warehouse; min_missing (default 1).
-- Run: dbt show --select biometric_reenrolment_candidates --limit 50

with

classification as (

    select * from {{ ref('fct_transaction_classification') }}

),

customers as (

    select * from {{ ref('dim_customers') }}

),

window_bounds as (

    select
        max(transaction_date) as last_date,
        max(transaction_date)
        - {{ var('lookback_days', 7) }} + 1 as first_date
    from classification

),

required as (

    select classification.*
    from classification
    cross join window_bounds
    where
        classification.requires_biometric
        and classification.customer_type = 'individual'
        and classification.transaction_date
        between window_bounds.first_date and window_bounds.last_date

),

per_customer as (

    select
        customer_id,
        count(*) as biometric_required_transactions,
        sum(case when has_biometric_auth then 0 else 1 end)
            as without_biometric,
        sum(
            case
                when not has_biometric_auth and is_new_device_transaction
                    then 1
                else 0
            end
        ) as new_device_without_biometric,
        sum(
            case
                when not has_biometric_auth and is_completed then amount
                else 0
            end
        ) as completed_amount_without_biometric_vnd,
        max(
            case when not has_biometric_auth then transaction_ts end
        ) as last_missing_ts
    from required
    group by all

),

final as (

    select
        -- rank: the most affected customer first
        row_number() over (
            order by
                per_customer.without_biometric desc,
                per_customer.completed_amount_without_biometric_vnd desc,
                per_customer.customer_id asc
        ) as priority_rank,

        -- ids (masked)
        per_customer.customer_id,
        customers.phone_number_masked,

        -- attributes
        customers.province_code,
        customers.province_name,
        customers.age_years,
        customers.device_count,
        customers.trusted_device_count,

        -- counts and amounts (VND)
        per_customer.biometric_required_transactions,
        per_customer.without_biometric,
        per_customer.new_device_without_biometric,
        per_customer.completed_amount_without_biometric_vnd,
        round(
            per_customer.without_biometric
            / per_customer.biometric_required_transactions,
            3
        ) as share_without_biometric,

        -- timestamps
        per_customer.last_missing_ts

    from per_customer
    left join customers
        on per_customer.customer_id = customers.customer_id
    where per_customer.without_biometric >= {{ var('min_missing', 1) }}

)

select * from final
order by 1
