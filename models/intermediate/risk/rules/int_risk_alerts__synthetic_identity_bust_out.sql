{%- set window = risk_interval(var('risk_bust_out_window_hours'), 'hour') -%}
{%- set explanation -%}
    cast(evidence.payee_count as string) || ' never-paid payees got '
    || {{ risk_format_number('evidence.total_amount') }} || ' VND within '
    || {{ risk_duration_text(
        'episodes.window_start_ts', 'episodes.window_end_ts'
    ) }}
    || ', against a balance of '
    || {{ risk_format_number('evidence.opening_balance') }}
    || ' VND when the run began'
{%- endset -%}

with

transactions as (

    select * from {{ ref('int_risk_transactions') }}

),

accounts as (

    select * from {{ ref('stg_core_banking__bank_accounts') }}

),

-- when each customer's history in the warehouse starts
customer_starts as (

    select
        customer_id,
        min(transaction_ts) as first_transaction_ts
    from transactions
    group by all

),

-- transfers of individuals with enough own history to payees they never
-- paid before
new_payee_transfers as (

    select
        transactions.transaction_id,
        transactions.customer_id,
        transactions.from_account_id,
        transactions.payee_key,
        transactions.transaction_ts,
        transactions.amount
    from transactions
    inner join customer_starts
        on transactions.customer_id = customer_starts.customer_id
    where
        transactions.is_transfer
        and transactions.is_completed
        and transactions.is_new_payee
        and {{ risk_is_retail('transactions.customer_type') }}
        and transactions.transaction_ts
        >= customer_starts.first_transaction_ts + {{ risk_interval(
            var('risk_bust_out_min_history_days'), 'day'
        ) }}

),

windowed as (

    select
        new_payee_transfers.*,
        {{ risk_count_distinct_over(
            'payee_key',
            'partition by from_account_id order by transaction_ts '
            ~ 'range between ' ~ window ~ ' preceding and current row'
        ) }} as window_payee_count,
        sum(new_payee_transfers.amount) over (
            partition by new_payee_transfers.from_account_id
            order by new_payee_transfers.transaction_ts
            range between {{ window }} preceding and current row
        ) as window_amount,
        min(new_payee_transfers.transaction_ts) over (
            partition by new_payee_transfers.from_account_id
            order by new_payee_transfers.transaction_ts
            range between {{ window }} preceding and current row
        ) as window_first_ts
    from new_payee_transfers

),

candidates as (

    select * from windowed
    where window_payee_count >= {{ var('risk_bust_out_min_payees') }}

),

-- the ledger of the candidate accounts: completed money in and out
ledger as (

    select
        from_account_id as account_id,
        transaction_ts,
        -amount as amount
    from transactions
    where
        is_completed
        and is_money_moving
        and from_account_id
        in (select candidates.from_account_id from candidates)

    union all

    select
        to_account_internal_id as account_id,
        transaction_ts,
        amount
    from transactions
    where
        is_completed
        and is_money_moving
        and to_account_internal_id
        in (select candidates.from_account_id from candidates)

),

-- the balance when the window began: today's balance less what came in
-- and plus what went out since
opening_balances as (

    select
        candidates.transaction_id,
        min(accounts.balance) - coalesce(sum(ledger.amount), 0)
            as window_opening_balance
    from candidates
    inner join accounts
        on candidates.from_account_id = accounts.account_id
    left join ledger
        on
            candidates.from_account_id = ledger.account_id
            and candidates.window_first_ts <= ledger.transaction_ts
    group by all

),

hot as (

    select
        candidates.*,
        opening_balances.window_opening_balance
    from candidates
    inner join opening_balances
        on candidates.transaction_id = opening_balances.transaction_id
    where
        candidates.window_amount
        >= {{ var('risk_bust_out_min_balance_share') }}
        * opening_balances.window_opening_balance

),

episodes as (

    {{ risk_episodes('hot', 'from_account_id', window) }}

),

evidence as (

    select
        episodes.from_account_id,
        episodes.alert_ts,
        count(distinct new_payee_transfers.payee_key) as payee_count,
        sum(new_payee_transfers.amount) as total_amount,
        max(hot.window_opening_balance) as opening_balance,
        {{ risk_list_agg('new_payee_transfers.transaction_id') }}
            as evidence_transaction_ids
    from episodes
    inner join new_payee_transfers
        on
            episodes.from_account_id = new_payee_transfers.from_account_id
            and episodes.window_start_ts <= new_payee_transfers.transaction_ts
            and episodes.window_end_ts >= new_payee_transfers.transaction_ts
    left join hot
        on new_payee_transfers.transaction_id = hot.transaction_id
    group by all

),

final as (

    {{ risk_episode_alerts(
        'synthetic_identity_bust_out', 'from_account_id', explanation
    ) }}

)

select * from final
