{%- set window = risk_interval(
    var('risk_card_testing_window_minutes'), 'minute'
) -%}
{%- set followup = risk_interval(
    var('risk_card_testing_followup_minutes'), 'minute'
) -%}
{%- set max_amount = var('risk_card_testing_max_amount_vnd') -%}

{%- set explanation -%}
    cast(evidence.small_payment_count as string)
    || ' payments of at most '
    || {{ risk_format_number(max_amount) }} || ' VND in '
    || {{ risk_duration_text(
        'episodes.window_start_ts', 'episodes.window_end_ts', 'minute'
    ) }}
    || ', ' || cast(evidence.failure_count as string)
    || ' failed payments or authentications'
{%- endset -%}

with

transactions as (

    select * from {{ ref('int_risk_transactions') }}

),

small_payments as (

    select
        transaction_id,
        customer_id,
        from_account_id,
        transaction_ts,
        -- a failed payment and each failed authentication attempt count
        case when status = 'failed' then 1 else 0 end
        + failed_auth_attempt_count as failure_count
    from transactions
    where
        transaction_type = 'payment_goods_services'
        and amount <= {{ max_amount }}

),

windowed as (

    select
        small_payments.*,
        count(*) over account_window as window_payment_count,
        sum(small_payments.failure_count)
            over account_window
            as window_failure_count,
        min(small_payments.transaction_ts)
            over account_window
            as window_first_ts
    from small_payments
    window account_window as (
        partition by from_account_id
        order by transaction_ts
        range between {{ window }} preceding and current row
    )

),

hot as (

    select * from windowed
    where
        window_payment_count >= {{ var('risk_card_testing_min_payments') }}
        and window_failure_count >= {{ var('risk_card_testing_min_failures') }}

),

episodes as (

    {{ risk_episodes('hot', 'from_account_id', window) }}

),

-- the burst and the account's transactions of the follow-up minutes
evidence as (

    select
        episodes.from_account_id,
        episodes.alert_ts,
        count(
            case
                when
                    transactions.transaction_type = 'payment_goods_services'
                    and transactions.amount <= {{ max_amount }}
                    and transactions.transaction_ts <= episodes.window_end_ts
                    then 1
            end
        ) as small_payment_count,
        sum(
            case
                when
                    transactions.transaction_type = 'payment_goods_services'
                    and transactions.amount <= {{ max_amount }}
                    and transactions.transaction_ts <= episodes.window_end_ts
                    then
                        transactions.failed_auth_attempt_count
                        + case
                            when
                                transactions.status = 'failed'
                                then 1
                            else 0
                        end
            end
        ) as failure_count,
        max(transactions.transaction_ts) as last_ts,
        {{ risk_list_agg('transactions.transaction_id') }}
            as evidence_transaction_ids
    from episodes
    inner join transactions
        on
            episodes.from_account_id = transactions.from_account_id
            and episodes.window_start_ts <= transactions.transaction_ts
            and transactions.transaction_ts
            <= episodes.window_end_ts + {{ followup }}
    group by all

),

final as (

    {{ risk_episode_alerts(
        'card_testing',
        'from_account_id',
        explanation,
        window_end='evidence.last_ts',
    ) }}

)

select * from final
