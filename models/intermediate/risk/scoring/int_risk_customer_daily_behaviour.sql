with

transactions as (

    select * from {{ ref('int_risk_transactions') }}

),

-- per transaction: the customer's count in the trailing velocity window
-- and the customer's trailing mean outgoing amount (only the columns the
-- day's features need travel through the windows' sort). Shares and
-- ratios are doubles on every engine: averages of integers, amounts cast
-- (Spark keeps a decimal's average and quotient decimal)
per_transaction as (

    select
        transactions.customer_id,
        transactions.transaction_date,
        transactions.transaction_ts,
        transactions.amount,
        transactions.is_money_moving,
        transactions.is_transfer,
        transactions.is_recent_device,
        transactions.payee_key,
        transactions.is_new_payee,
        transactions.auth_attempt_count,
        transactions.failed_auth_attempt_count,
        count(*) over (
            partition by transactions.customer_id
            order by transactions.transaction_ts
            range between {{ risk_interval(
                var('risk_velocity_window_minutes'), 'minute'
            ) }} preceding and current row
        ) as window_count,
        avg(
            case
                when transactions.is_money_moving
                    then cast(transactions.amount as double)
            end
        ) over (
            partition by transactions.customer_id
            order by transactions.transaction_ts
            range between {{ risk_interval(
                var('risk_baseline_days'), 'day'
            ) }} preceding and current row
        ) as baseline_mean_amount
    from transactions

),

customer_days as (

    select
        customer_id,
        transaction_date,
        count(*) as transaction_count,
        sum(case when is_money_moving then amount else 0 end)
            as outgoing_amount,
        max(window_count) as max_window_transaction_count,
        avg(case when is_recent_device then 1 else 0 end)
            as new_device_share,
        coalesce(
            avg(
                case
                    when payee_key is not null
                        then case when is_new_payee then 1 else 0 end
                end
            ),
            0
        ) as new_payee_share,
        coalesce(
            max(
                case
                    when is_money_moving and baseline_mean_amount > 0
                        then amount / baseline_mean_amount
                end
            ),
            0
        ) as amount_deviation,
        avg(
            case
                when
                    {{ risk_hour('transaction_ts') }}
                    >= {{ var('risk_night_start_hour') }}
                    and {{ risk_hour('transaction_ts') }}
                    < {{ var('risk_night_end_hour') }}
                    then 1
                else 0
            end
        ) as night_share,
        coalesce(
            cast(sum(failed_auth_attempt_count) as double)
            / nullif(sum(auth_attempt_count), 0),
            0
        ) as failed_auth_ratio,
        -- the largest transfer to a never-paid payee, and the largest such
        -- transfer against the customer's own trailing mean amount (a
        -- victim's scam transfer is a break from the customer's habits)
        coalesce(
            max(case when is_transfer and is_new_payee then amount end), 0
        ) as new_payee_max_amount,
        coalesce(
            max(
                case
                    when
                        is_transfer and is_new_payee
                        and baseline_mean_amount > 0
                        then amount / baseline_mean_amount
                end
            ),
            0
        ) as new_payee_amount_deviation
    from per_transaction
    group by all

),

incoming as (

    select
        to_customer_id as customer_id,
        transaction_date,
        count(distinct from_account_id) as incoming_sender_count
    from transactions
    where to_customer_id is not null and is_completed
    group by all

),

final as (

    select

        -- keys
        customer_days.customer_id,
        customer_days.transaction_date,

        -- behavioural features
        customer_days.transaction_count,
        customer_days.outgoing_amount,
        customer_days.max_window_transaction_count,
        customer_days.new_device_share,
        customer_days.new_payee_share,
        customer_days.amount_deviation,
        customer_days.night_share,
        customer_days.failed_auth_ratio,
        coalesce(incoming.incoming_sender_count, 0) as incoming_sender_count,
        customer_days.new_payee_max_amount,
        customer_days.new_payee_amount_deviation

    from customer_days

    left join incoming
        on
            customer_days.customer_id = incoming.customer_id
            and customer_days.transaction_date = incoming.transaction_date

)

select * from final
