{#-
    Hop-by-hop paths of individuals' transfers: a hop follows the previous
    one when it leaves the internal account the previous one paid, within
    the maximum gap, keeping at least the minimum share of the amount (and
    not more). Paths start at a hop no other hop leads into and are
    followed, one bounded join per hop, up to risk_chain_max_hops hops; a
    path stops when it pays its origin account back (a cycle).
    Organisations' payment runs (payroll, suppliers) pass near-equal
    amounts on by the dozen: they belong to corporate monitoring, as for
    the other retail typology rules (risk_retail_customer_types).
-#}
{%- set max_hops = var('risk_chain_max_hops') -%}

with

transactions as (

    select * from {{ ref('int_risk_transactions') }}

),

hops as (

    select
        transaction_id,
        customer_id,
        from_account_id,
        to_account_internal_id,
        transaction_ts,
        amount
    from transactions
    where
        is_transfer
        and is_completed
        and {{ risk_is_retail('customer_type') }}
        and amount >= {{ var('risk_chain_min_amount_vnd') }}

),

links as (

    select
        previous_hop.transaction_id as previous_transaction_id,
        next_hop.transaction_id as next_transaction_id
    from hops as previous_hop
    inner join hops as next_hop
        on
            previous_hop.to_account_internal_id = next_hop.from_account_id
            and previous_hop.transaction_ts < next_hop.transaction_ts
            and next_hop.transaction_ts <= previous_hop.transaction_ts
            + {{ risk_interval(var('risk_chain_max_hop_gap_hours'), 'hour') }}
            and previous_hop.amount >= next_hop.amount
            and next_hop.amount
            >= {{ var('risk_chain_min_kept_share') }} * previous_hop.amount

),

starts as (

    select hops.*
    from hops
    where
        hops.transaction_id in (
            select links.previous_transaction_id from links
        )
        and {{ dq_not_among(
            'hops.transaction_id', 'links', 'next_transaction_id'
        ) }}

),

path_1 as (

    select
        transaction_id as start_transaction_id,
        from_account_id as origin_account_id,
        customer_id as origin_customer_id,
        transaction_ts as start_ts,
        transaction_id,
        transaction_ts,
        amount,
        1 as hop_no,
        coalesce(to_account_internal_id = from_account_id, false)
            as is_closing
    from starts

),

{% for hop_no in range(2, max_hops + 1) %}
path_{{ hop_no }} as (

    select
        path_{{ hop_no - 1 }}.start_transaction_id,
        path_{{ hop_no - 1 }}.origin_account_id,
        path_{{ hop_no - 1 }}.origin_customer_id,
        path_{{ hop_no - 1 }}.start_ts,
        hops.transaction_id,
        hops.transaction_ts,
        hops.amount,
        {{ hop_no }} as hop_no,
        coalesce(
            hops.to_account_internal_id
            = path_{{ hop_no - 1 }}.origin_account_id,
            false
        ) as is_closing
    from path_{{ hop_no - 1 }}
    inner join links
        on path_{{ hop_no - 1 }}.transaction_id = links.previous_transaction_id
    inner join hops
        on links.next_transaction_id = hops.transaction_id
    where not path_{{ hop_no - 1 }}.is_closing

),

{% endfor %}
paths as (

    {% for hop_no in range(1, max_hops + 1) -%}
    select * from path_{{ hop_no }}
    {% if not loop.last %}union all{% endif %}
    {% endfor %}

),

final as (

    -- a hop reached on several branches of the same path is kept once
    select
        start_transaction_id,
        transaction_id,
        min(origin_account_id) as origin_account_id,
        min(origin_customer_id) as origin_customer_id,
        min(start_ts) as start_ts,
        min(transaction_ts) as transaction_ts,
        min(amount) as amount,
        min(hop_no) as hop_no,
        max(is_closing) as is_closing
    from paths
    group by all

)

select * from final
