{#
    Shapes that several rule models share: the output of a rule that alerts
    single transactions, of one that alerts a key (account, device) per day,
    an organisation's daily spike against its own baseline, and the chains
    of int_risk_transfer_paths (layering and cycles). Every rule model ends
    in the same columns: alert_id, rule_id, alert_type, severity,
    entity_type, transaction_id, customer_id, account_id, alert_ts,
    window_start_ts, window_end_ts, explanation, evidence_transaction_ids.
#}

{#
    One alert per row of `flagged` (columns of int_risk_transactions and an
    `explanation`, the evidence in words): the transaction is the entity
    and the only evidence.
#}
{% macro risk_transaction_alerts(rule_id, flagged) -%}
    select

        -- rule and key
        {{ risk_alert_head(rule_id, ['transaction_id']) }},

        -- entity
        transaction_id,
        customer_id,
        from_account_id as account_id,

        -- timestamps
        transaction_ts as alert_ts,
        transaction_ts as window_start_ts,
        transaction_ts as window_end_ts,

        -- evidence
        explanation,
        {{ risk_list_of('transaction_id') }} as evidence_transaction_ids

    from {{ flagged }}
{%- endmacro %}


{#
    One alert per `key_column` (from_account_id, device_id ...) and
    transaction_date over the rows of `flagged` (columns of
    int_risk_transactions): those transactions are the evidence, the first
    one is when the rule fired. `explanation`: SQL text over the day's
    aggregates transaction_count, total_amount, transaction_date,
    {{ key_column }} and the named extra `aggregates` (name: SQL).
#}
{% macro risk_daily_alerts(
    rule_id, flagged, key_column, explanation, aggregates={}
) -%}
    select

        -- rule and key
        {{ risk_alert_head(rule_id, [key_column, 'transaction_date']) }},

        -- entity
        cast(null as bigint) as transaction_id,
        customer_id,
        account_id,

        -- timestamps
        window_start_ts as alert_ts,
        window_start_ts,
        window_end_ts,

        -- evidence
        {{ explanation }} as explanation,
        evidence_transaction_ids

    from (
        select
            {{ key_column }},
            transaction_date,
            min(customer_id) as customer_id,
            min(from_account_id) as account_id,
            min(transaction_ts) as window_start_ts,
            max(transaction_ts) as window_end_ts,
            count(*) as transaction_count,
            sum(amount) as total_amount,
            {%- for name, aggregate in aggregates.items() %}
            {{ aggregate }} as {{ name }},
            {%- endfor %}
            {{ risk_list_agg('transaction_id') }} as evidence_transaction_ids
        from {{ flagged }}
        group by {{ key_column }}, transaction_date
    ) as days
{%- endmacro %}


{#
    "N hours" / "N minutes" (rounded up) between two timestamps, as SQL
    text; `unit` is hour or minute.
#}
{% macro risk_duration_text(earlier, later, unit='hour') -%}
    {%- set seconds = {'hour': 3600, 'minute': 60}[unit] -%}
    cast(cast(ceil(
        {{ risk_seconds_between(earlier, later) }} / {{ seconds }}
    ) as integer) as string) || ' {{ unit }}s'
{%- endmacro %}


{#
    Organisations' daily spikes: per organisation and day, the count of the
    money-moving transactions that satisfy `condition` (SQL over
    int_risk_transactions' columns) against the organisation's trailing
    daily mean over risk_baseline_days (a baseline counts only the days of
    data it covers, and needs risk_baseline_min_days of them). A day fires
    at `min_count` or more and at least `multiplier` times that mean; the
    day's transactions are the evidence. `noun`: what is counted, in words.
#}
{% macro risk_organisation_spike_alerts(
    rule_id, transactions, condition, min_count, multiplier, noun
) -%}
    {%- set baseline_days = var('risk_baseline_days') -%}
    with

    -- the first day of data: a baseline only counts the days it covers
    data_start as (

        select min(transaction_date) as first_date from {{ transactions }}

    ),

    organisation_days as (

        select
            customer_id,
            transaction_date,
            min(transaction_ts) as window_start_ts,
            max(transaction_ts) as window_end_ts,
            count(*) as day_count,
            {{ risk_list_agg('transaction_id') }} as evidence_transaction_ids
        from {{ transactions }}
        where
            customer_type = 'organization'
            and is_money_moving
            and {{ condition }}
        group by all

    ),

    baselined as (

        select
            organisation_days.*,
            coalesce(sum(organisation_days.day_count) over (
                partition by organisation_days.customer_id
                order by organisation_days.transaction_date
                range between
                {{ risk_interval(baseline_days, 'day') }} preceding
                and {{ risk_interval(1, 'day') }} preceding
            ), 0) as baseline_count,
            least(
                {{ dbt.datediff(
                    'data_start.first_date',
                    'organisation_days.transaction_date',
                    'day',
                ) }},
                {{ baseline_days }}
            ) as baseline_day_count
        from organisation_days
        cross join data_start

    ),

    flagged as (

        select
            *,
            baseline_count / baseline_day_count as baseline_daily_mean
        from baselined
        where
            baseline_day_count >= {{ var('risk_baseline_min_days') }}
            and day_count >= {{ min_count }}
            and day_count
            >= {{ multiplier }} * baseline_count / baseline_day_count

    )

    select

        -- rule and key
        {{ risk_alert_head(rule_id, ['customer_id', 'transaction_date']) }},

        -- entity
        cast(null as bigint) as transaction_id,
        customer_id,
        cast(null as bigint) as account_id,

        -- timestamps
        window_end_ts as alert_ts,
        window_start_ts,
        window_end_ts,

        -- evidence
        cast(day_count as string) || ' {{ noun }} on '
        || cast(transaction_date as string) || ' against a daily mean of '
        || cast(round(baseline_daily_mean, 1) as string) || ' over '
        || cast(baseline_day_count as string) || ' days' as explanation,
        evidence_transaction_ids

    from flagged
{%- endmacro %}


{#
    One row per path of int_risk_transfer_paths (`paths`) that satisfies
    `condition` (SQL over the path's aggregates below, e.g. on hop_count,
    closing_hop_no or is_closed): the alert of rule `rule_id` whose entity
    is the path's origin account and whose evidence is its hops. `verb`
    says in the explanation what the hops did with the money.
#}
{% macro risk_chain_alerts(rule_id, paths, condition, verb) -%}
    select

        -- rule and key
        {{ risk_alert_head(rule_id, ['start_transaction_id']) }},

        -- entity
        cast(null as bigint) as transaction_id,
        origin_customer_id as customer_id,
        origin_account_id as account_id,

        -- timestamps
        window_end_ts as alert_ts,
        window_start_ts,
        window_end_ts,

        -- evidence
        cast(hop_count as string) || ' hops {{ verb }} '
        || {{ risk_format_number('first_amount') }} || ' VND (at least '
        || {{ risk_format_number('min_amount') }} || ' VND per hop) within '
        || {{ risk_duration_text('window_start_ts', 'window_end_ts') }}
            as explanation,
        evidence_transaction_ids

    from (
        select
            start_transaction_id,
            min(origin_account_id) as origin_account_id,
            min(origin_customer_id) as origin_customer_id,
            min(transaction_ts) as window_start_ts,
            max(transaction_ts) as window_end_ts,
            max(hop_no) as hop_count,
            max(case when hop_no = 1 then amount end) as first_amount,
            min(amount) as min_amount,
            coalesce(max(is_closing), false) as is_closed,
            -- the hop that paid the origin back within the cycle window
            max(
                case
                    when
                        is_closing
                        and transaction_ts <= start_ts + {{ risk_interval(
                            var('risk_cycle_window_hours'), 'hour'
                        ) }}
                        then hop_no
                end
            ) as closing_hop_no,
            {{ risk_list_agg('transaction_id') }} as evidence_transaction_ids
        from {{ paths }}
        group by start_transaction_id
    ) as chains

    where {{ condition }}
{%- endmacro %}


{#
    The alerts of a sliding-window rule: one per episode (the CTE
    `episodes` of risk_episodes, keyed by `key_column` and alert_ts) joined
    to its CTE `evidence` (same keys, with evidence_transaction_ids and the
    values `explanation` reads). The episode's key column is the alert's
    account; `window_end` is the SQL of the alert window's end.
#}
{% macro risk_episode_alerts(
    rule_id, key_column, explanation, window_end='episodes.window_end_ts'
) -%}
    select

        -- rule and key
        {{ risk_alert_head(
            rule_id, ['episodes.' ~ key_column, 'episodes.alert_ts']
        ) }},

        -- entity
        cast(null as bigint) as transaction_id,
        episodes.customer_id,
        episodes.{{ key_column }} as account_id,

        -- timestamps
        episodes.alert_ts,
        episodes.window_start_ts,
        {{ window_end }} as window_end_ts,

        -- evidence
        {{ explanation }} as explanation,
        evidence.evidence_transaction_ids

    from episodes

    inner join evidence
        on
            episodes.{{ key_column }} = evidence.{{ key_column }}
            and episodes.alert_ts = evidence.alert_ts
{%- endmacro %}
