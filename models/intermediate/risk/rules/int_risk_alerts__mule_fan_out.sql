{%- set window = risk_interval(var('risk_fan_out_window_hours'), 'hour') -%}
{%- set explanation -%}
    cast(evidence.payee_count as string)
    || ' never-paid payees at other banks or wallets got '
    || {{ risk_format_number('evidence.outflow') }} || ' VND ('
    || cast(
        cast(round(100 * evidence.outflow / evidence.inflow) as integer)
        as string
    )
    || '%) of the ' || {{ risk_format_number('evidence.inflow') }}
    || ' VND the account received, within '
    || {{ risk_duration_text('episodes.window_start_ts', 'evidence.last_ts') }}
{%- endset -%}

with

transactions as (

    select * from {{ ref('int_risk_transactions') }}

),

-- completed transfers into an internal account
inflows as (

    select
        transaction_id,
        to_account_internal_id as account_id,
        to_customer_id as customer_id,
        transaction_ts,
        amount
    from transactions
    where
        is_transfer
        and is_completed
        and to_account_internal_id is not null

),

-- the cash-out: an individual's completed transfers to a payee at another
-- bank or wallet that the account never paid before in the warehouse
cash_outs as (

    select
        transaction_id,
        from_account_id as account_id,
        customer_id,
        payee_key,
        transaction_ts,
        amount
    from transactions
    where
        is_transfer
        and is_completed
        and {{ risk_is_retail('customer_type') }}
        and is_first_payment_to_payee
        and to_account_external_id is not null

),

-- each large enough inflow into an account that cashes out, with all the
-- account's inflow of the window that follows it
anchors as (

    select * from (
        select
            inflows.*,
            sum(inflows.amount) over (
                partition by inflows.account_id
                order by inflows.transaction_ts
                range between current row and {{ window }} following
            ) as window_inflow
        from inflows
        where
            inflows.account_id in (select cash_outs.account_id from cash_outs)
    ) as followed
    where amount >= {{ var('risk_fan_out_min_inflow_vnd') }}

),

-- what left to new payees in the window after each anchor, and over how
-- many payees that each got a real part of it
forwarded as (

    select
        anchors.account_id,
        anchors.transaction_id,
        anchors.transaction_ts,
        anchors.customer_id,
        anchors.window_inflow,
        sum(cash_outs.amount) as forwarded_amount,
        count(distinct case
            when
                cash_outs.amount
                >= {{ var('risk_fan_out_min_payee_share') }}
                * anchors.window_inflow
                then cash_outs.payee_key
        end) as payee_count
    from anchors
    inner join cash_outs
        on
            anchors.account_id = cash_outs.account_id
            and anchors.transaction_ts < cash_outs.transaction_ts
            and anchors.transaction_ts + {{ window }}
            >= cash_outs.transaction_ts
    group by all

),

hot as (

    select
        *,
        transaction_ts as window_first_ts
    from forwarded
    where
        forwarded_amount
        >= {{ var('risk_fan_out_min_forward_share') }} * window_inflow
        and forwarded_amount
        <= {{ var('risk_fan_out_max_forward_share') }} * window_inflow
        and payee_count >= {{ var('risk_fan_out_min_payees') }}

),

episodes as (

    {{ risk_episodes('hot', 'account_id', window) }}

),

-- the inflows and cash-outs from the first anchor to the end of the last
-- anchor's window
flows as (

    select
        transaction_id,
        account_id,
        transaction_ts,
        amount as inflow_amount,
        0 as outflow_amount,
        cast(null as bigint) as payee_key
    from inflows

    union all

    select
        transaction_id,
        account_id,
        transaction_ts,
        0 as inflow_amount,
        amount as outflow_amount,
        payee_key
    from cash_outs

),

evidence as (

    select
        episodes.account_id,
        episodes.alert_ts,
        max(flows.transaction_ts) as last_ts,
        sum(flows.inflow_amount) as inflow,
        sum(flows.outflow_amount) as outflow,
        count(distinct flows.payee_key) as payee_count,
        {{ risk_list_agg('flows.transaction_id') }}
            as evidence_transaction_ids
    from episodes
    inner join flows
        on
            episodes.account_id = flows.account_id
            and episodes.window_start_ts <= flows.transaction_ts
            and episodes.window_end_ts + {{ window }} >= flows.transaction_ts
    group by all

),

final as (

    {{ risk_episode_alerts(
        'mule_fan_out',
        'account_id',
        explanation,
        window_end='evidence.last_ts',
    ) }}

)

select * from final
