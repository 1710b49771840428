{%- set window = risk_interval(var('risk_fan_out_window_hours'), 'hour') -%}

with

transactions as (

    select * from {{ ref('int_risk_transactions') }}

),

-- money into and out of each internal account (completed transfers)
flows as (

    select
        transaction_id,
        to_account_internal_id as account_id,
        to_customer_id as customer_id,
        transaction_ts,
        amount as inflow_amount,
        0 as outflow_amount,
        0 as new_payee_outflow_count,
        0 as new_payee_outflow_amount
    from transactions
    where
        is_transfer
        and is_completed
        and to_account_internal_id is not null

    union all

    select
        transaction_id,
        from_account_id as account_id,
        customer_id,
        transaction_ts,
        0 as inflow_amount,
        amount as outflow_amount,
        -- cash-out: to a never-paid payee at another bank or wallet
        case
            when is_new_payee and to_account_external_id is not null then 1
            else 0
        end as new_payee_outflow_count,
        case
            when is_new_payee and to_account_external_id is not null
                then amount
            else 0
        end as new_payee_outflow_amount
    from transactions
    where
        is_transfer
        and is_completed
        and {{ risk_is_retail('customer_type') }}

),

windowed as (

    select
        flows.*,
        sum(flows.inflow_amount) over account_window as window_inflow,
        sum(flows.outflow_amount) over account_window as window_outflow,
        sum(flows.new_payee_outflow_count) over account_window
            as window_new_payee_count,
        sum(flows.new_payee_outflow_amount) over account_window
            as window_new_payee_outflow,
        min(
            case when flows.inflow_amount > 0 then flows.transaction_ts end
        ) over account_window as window_first_ts
    from flows
    window account_window as (
        partition by account_id
        order by transaction_ts
        range between {{ window }} preceding and current row
    )

),

hot as (

    select * from windowed
    where
        outflow_amount > 0
        and window_inflow >= {{ var('risk_fan_out_min_inflow_vnd') }}
        and window_new_payee_outflow
        >= {{ var('risk_fan_out_min_forward_share') }} * window_inflow
        and window_new_payee_count
        >= {{ var('risk_fan_out_min_new_payees') }}

),

episodes as (

    {{ risk_episodes('hot', 'account_id', window) }}

),

evidence as (

    select
        episodes.account_id,
        episodes.alert_ts,
        sum(flows.inflow_amount) as inflow,
        sum(flows.new_payee_outflow_amount) as outflow,
        sum(flows.new_payee_outflow_count) as new_payee_count,
        {{ risk_list_agg('flows.transaction_id') }}
            as evidence_transaction_ids
    from episodes
    inner join flows
        on
            episodes.account_id = flows.account_id
            and episodes.window_start_ts <= flows.transaction_ts
            and episodes.window_end_ts >= flows.transaction_ts
    group by all

),

final as (

    select

        -- rule and key
        {{ risk_alert_head(
            'mule_fan_out', ['episodes.account_id', 'episodes.alert_ts']
        ) }},

        -- entity
        cast(null as bigint) as transaction_id,
        episodes.customer_id,
        episodes.account_id,

        -- timestamps
        episodes.alert_ts,
        episodes.window_start_ts,
        episodes.window_end_ts,

        -- evidence
        {{ risk_format_number('evidence.inflow') }} || ' VND in, '
        || {{ risk_format_number('evidence.outflow') }} || ' VND ('
        || cast(
            cast(round(100 * evidence.outflow / evidence.inflow) as integer)
            as varchar
        )
        || '%) out to ' || cast(evidence.new_payee_count as varchar)
        || ' never-paid payees within '
        || cast(cast(ceil({{ risk_seconds_between(
            'episodes.window_start_ts', 'episodes.window_end_ts'
        ) }} / 3600) as integer) as varchar) || ' hours' as explanation,
        evidence.evidence_transaction_ids

    from episodes

    inner join evidence
        on
            episodes.account_id = evidence.account_id
            and episodes.alert_ts = evidence.alert_ts

)

select * from final
