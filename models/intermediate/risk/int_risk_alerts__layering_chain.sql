with

paths as (

    select * from {{ ref('int_risk_transfer_paths') }}

),

transactions as (

    select * from {{ ref('int_risk_transactions') }}

),

path_hops as (

    select
        paths.*,
        transactions.amount
    from paths
    inner join transactions
        on paths.transaction_id = transactions.transaction_id

),

chains as (

    select
        start_transaction_id,
        min(origin_account_id) as origin_account_id,
        min(origin_customer_id) as origin_customer_id,
        min(transaction_ts) as window_start_ts,
        max(transaction_ts) as window_end_ts,
        max(hop_no) as hop_count,
        max(case when hop_no = 1 then amount end) as first_amount,
        min(amount) as min_amount,
        {{ risk_list_agg('transaction_id') }} as evidence_transaction_ids
    from path_hops
    group by all
    having
        max(hop_no) >= {{ var('risk_layering_min_hops') }}
        and not max(is_closing)

),

final as (

    select

        -- rule and key
        {{ risk_alert_head('layering_chain', ['start_transaction_id']) }},

        -- entity
        cast(null as bigint) as transaction_id,
        origin_customer_id as customer_id,
        origin_account_id as account_id,

        -- timestamps
        window_end_ts as alert_ts,
        window_start_ts,
        window_end_ts,

        -- evidence
        cast(hop_count as varchar) || ' hops passed on '
        || {{ risk_format_number('first_amount') }} || ' VND (at least '
        || {{ risk_format_number('min_amount') }} || ' VND per hop) within '
        || cast(cast(ceil({{ risk_seconds_between(
            'window_start_ts', 'window_end_ts'
        ) }} / 3600) as integer) as varchar) || ' hours' as explanation,
        evidence_transaction_ids

    from chains

)

select * from final
