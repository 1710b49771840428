{{
    config(
        meta={'latest_load_column': 'classified_at'},
        materialized='incremental',
        incremental_strategy=partition_replace_strategy(),
        unique_key='transaction_date',
        partition_by=engine_partition_by(['transaction_date']),
        on_schema_change='append_new_columns',
    )
}}

{#- Incremental runs recompute every Vietnam-local day from the first one
    whose inputs changed (changed_partitions,
    macros/incremental/changed_partitions.sql): per day, the transactions'
    count and latest quarantine check, and their authentication results'
    count and latest check (a late log, or a log corrected or rejected on a
    recheck). Every later day is recomputed too: the new-device rule links
    a transaction to the customer's previous one, possibly on an earlier
    day, so a late row can change later days. -#}
-- depends_on: {{ ref('stg_core_banking__payment_transactions') }}
{%- if is_incremental() -%}
    {%- set inputs -%}
        (
            select
                cast(transactions.transaction_ts as date) as transaction_date,
                transactions.checked_at as transaction_checked_at,
                authentications.auth_checked_at
            from {{ ref('stg_core_banking__payment_transactions') }}
                as transactions
            left join {{ ref('int_transactions_authenticated') }}
                as authentications
                on
                    transactions.transaction_id
                    = authentications.transaction_id
        )
    {%- endset -%}
    {%- set from_date = first_changed_partition(
        inputs,
        this,
        'transaction_date',
        [
            'count(*)',
            'max(transaction_checked_at)',
            'count(auth_checked_at)',
            'max(auth_checked_at)',
        ],
    ) -%}
{%- endif %}

with

-- read twice: a few narrow columns for the ordered rules, every column when
-- the results join back at the end. `not materialized`: each read is its
-- own scan; DuckDB would otherwise materialize a CTE read twice, holding a
-- ten-million-row copy of the wide rows for the whole query (the build
-- must fit in the profile's memory_limit, profiles.yml)
transactions as {{ cte_materialization('not materialized') }} (

    select * from {{ ref('int_transactions_grouped') }}
    {%- if is_incremental() %}
        -- the same days, said on the timestamp too: a filter on a column
        -- reaches the staged table's scan, one on cast(ts as date) does not
        where
            transaction_date >= cast({{ from_date }} as date)
            and transaction_ts >= cast({{ from_date }} as timestamp)
    {%- endif %}

),

authentications as (

    select * from {{ ref('int_transactions_authenticated') }}
    {%- if is_incremental() %}
        -- only the transactions recomputed (the filter reaches the logs)
        where transaction_id in (select transaction_id from transactions)
    {%- endif %}

),

{% if is_incremental() -%}
-- the customer's last completed transaction with a device before the
-- recomputed days (the "previous transaction" of the new-device rule),
-- latest by (transaction_ts, transaction_id). Those days are unchanged, so
-- this table already holds them, and its narrow columns are cheap to scan:
-- the latest timestamp per customer first (a plain max), then the largest
-- transaction_id at that timestamp.
held_devices as (

    select customer_id, transaction_id, transaction_ts, device_id
    from {{ this }}
    where
        transaction_date < cast({{ from_date }} as date)
        and is_completed
        and device_id is not null

),

carried_over_devices as (

    select
        held_devices.customer_id,
        held_devices.transaction_ts,
        max(held_devices.transaction_id) as transaction_id,
        max_by(held_devices.device_id, held_devices.transaction_id)
            as device_id
    from held_devices
    inner join (
        select customer_id, max(transaction_ts) as transaction_ts
        from held_devices
        group by customer_id
    ) as latest_per_customer
        on
            held_devices.customer_id = latest_per_customer.customer_id
            and held_devices.transaction_ts = latest_per_customer.transaction_ts
    group by held_devices.customer_id, held_devices.transaction_ts

),

{% endif -%}

-- The ordered rules run on narrow rows (ids, keys, amounts, flags, and the
-- authentication results, so that the authentications are joined once):
-- only these travel through the two sorts; the other columns of the
-- transaction join back once, at the end.
-- new-device rule: the previous transaction is the customer's latest
-- earlier (transaction_ts, transaction_id) COMPLETED transaction that has a
-- device, on any account and in any group; a failed or pending attempt does
-- not make a device known
device_events as (

    select
        transactions.transaction_id,
        transactions.customer_id,
        transactions.from_account_id,
        transactions.transaction_date,
        transactions.transaction_group,
        transactions.transaction_ts,
        transactions.device_id,
        transactions.is_completed,
        transactions.amount,
        authentications.achieved_auth_level,
        coalesce(authentications.has_biometric_auth, false)
            as has_biometric_auth,
        coalesce(authentications.auth_attempt_count, 0) as auth_attempt_count,
        coalesce(authentications.successful_auth_attempt_count, 0)
            as successful_auth_attempt_count,
        authentications.auth_batch_id,
        authentications.auth_checked_at,
        -- a completed transaction confirmed with a C or D method resets
        -- Tksth for the transactions after it (failed/pending ones never do)
        coalesce(
            transactions.is_completed
            and authentications.achieved_auth_level in ('C', 'D'),
            false
        ) as is_tksth_reset,
        false as is_carried_over
    from transactions
    left join authentications
        on transactions.transaction_id = authentications.transaction_id
    {%- if is_incremental() %}

    union all

    select
        transaction_id,
        customer_id,
        cast(null as bigint) as from_account_id,
        cast(null as date) as transaction_date,
        cast(null as {{ dbt.type_string() }}) as transaction_group,
        transaction_ts,
        device_id,
        true as is_completed,
        cast(null as decimal(18, 2)) as amount,
        cast(null as {{ dbt.type_string() }}) as achieved_auth_level,
        false as has_biometric_auth,
        cast(0 as bigint) as auth_attempt_count,
        cast(0 as bigint) as successful_auth_attempt_count,
        cast(null as integer) as auth_batch_id,
        cast(null as timestamp) as auth_checked_at,
        false as is_tksth_reset,
        true as is_carried_over
    from carried_over_devices
    {%- endif %}

),

device_checked as (

    select * from (
        select
            *,
            {{ sbv2345_previous_non_null(
                'case when is_completed then device_id end',
                'customer_id',
                'transaction_ts, transaction_id',
            ) }} as previous_device_id
        from device_events
    ) as with_previous
    where not is_carried_over

),

-- one pass per (source account, local day, group) in (transaction_ts,
-- transaction_id) order: running totals including the row itself, over one
-- named window (row_number ignores its frame)
sequenced as (

    select
        *,
        row_number() over running as step_no,
        sum(
            case
                when
                    is_completed
                    then amount
                else 0
            end
        ) over running as completed_total_through,
        sum(case when is_tksth_reset then 1 else 0 end)
            over running as resets_through,
        sum(
            case
                when
                    is_completed
                    and amount
                    <= {{ var('sbv2345_i3_b_max_amount_vnd') }}
                    then amount
                else 0
            end
        ) over running as small_total_through
    from device_checked
    window running as (
        partition by
            from_account_id,
            transaction_date,
            transaction_group
        order by
            transaction_ts, transaction_id
        rows between unbounded preceding and current row
    )

),

-- T excludes the row itself; a segment is the run of rows after the
-- segment_no-th completed C/D-confirmed transaction (Tksth restarts at 0)
positioned as (

    select
        *,
        cast(
            completed_total_through
            - case when is_completed then amount else 0 end
            as decimal(18, 2)
        ) as daily_group_total_before,
        resets_through
        - case when is_tksth_reset then 1 else 0 end as segment_no,
        small_total_through
        - case
            when
                is_completed
                and amount <= {{ var('sbv2345_i3_b_max_amount_vnd') }}
                then amount
            else 0
        end as small_total_before
    from sequenced

),

-- I.3 only from here: where each segment starts in the running small total
-- (the joins below match on transaction_group, never on a constant: a
-- constant in a left join's condition makes DuckDB fall back to a nested
-- loop join)
segment_starts as (

    select
        transaction_group,
        from_account_id,
        transaction_date,
        resets_through as segment_no,
        small_total_through as segment_base
    from positioned
    where transaction_group = 'I.3' and is_tksth_reset

),

-- Within a segment Tksth only grows. An upper bound of Tksth is the total
-- of every earlier completed transaction of at most 10M in the segment
-- ("naive"); it is exact up to the first completed one of at most 10M that
-- the bound pushes over 20M (the first "overflow"): only the steps from
-- there on need the sequential scan.
bounded as (

    select
        positioned.*,
        cast(
            positioned.small_total_before
            - coalesce(segment_starts.segment_base, 0)
            as decimal(18, 2)
        ) as naive_tksth_before
    from positioned
    left join segment_starts
        on
            positioned.transaction_group = segment_starts.transaction_group
            and positioned.from_account_id = segment_starts.from_account_id
            and positioned.transaction_date = segment_starts.transaction_date
            and positioned.segment_no = segment_starts.segment_no

),

first_overflows as (

    select
        from_account_id,
        transaction_date,
        segment_no,
        min(step_no) as first_overflow_step
    from bounded
    where
        transaction_group = 'I.3'
        and is_completed
        and amount <= {{ var('sbv2345_i3_b_max_amount_vnd') }}
        and naive_tksth_before + amount
        > {{ var('sbv2345_i3_b_max_tksth_vnd') }}
    group by 1, 2, 3

),

scan_rows as (

    select
        bounded.from_account_id,
        bounded.transaction_date,
        bounded.segment_no,
        bounded.step_no,
        first_overflows.first_overflow_step as start_step,
        bounded.naive_tksth_before as known_tksth,
        bounded.amount,
        bounded.is_completed
    from bounded
    inner join first_overflows
        on
            bounded.from_account_id = first_overflows.from_account_id
            and bounded.transaction_date = first_overflows.transaction_date
            and bounded.segment_no = first_overflows.segment_no
    where
        bounded.transaction_group = 'I.3'
        and bounded.step_no >= first_overflows.first_overflow_step

),

scanned as (

    select
        scan_result.*,
        'I.3' as transaction_group
    from {{ sbv2345_tksth_scan('scan_rows') }} as scan_result

),

with_tksth as (

    select
        bounded.*,
        -- Tksth only decides classes in I.3; null in the other groups
        case
            when bounded.transaction_group = 'I.3'
                then coalesce(scanned.tksth_before, bounded.naive_tksth_before)
        end as tksth_before
    from bounded
    left join scanned
        on
            bounded.transaction_group = scanned.transaction_group
            and bounded.from_account_id = scanned.from_account_id
            and bounded.transaction_date = scanned.transaction_date
            and bounded.segment_no = scanned.segment_no
            and bounded.step_no = scanned.step_no

),

-- the wide rows join back, once
ordered_results as (

    select
        transactions.*,
        with_tksth.achieved_auth_level,
        with_tksth.has_biometric_auth,
        with_tksth.auth_attempt_count,
        with_tksth.successful_auth_attempt_count,
        with_tksth.auth_batch_id,
        with_tksth.auth_checked_at,
        with_tksth.previous_device_id,
        with_tksth.daily_group_total_before,
        with_tksth.tksth_before
    from transactions
    inner join with_tksth
        on transactions.transaction_id = with_tksth.transaction_id

),

classified as (

    select
        *,
        {{ sbv2345_required_class(
            'transaction_group',
            'amount',
            'daily_group_total_before',
            'tksth_before',
        ) }} as required_auth_level,
        coalesce(
            device_id is not null
            and (
                previous_device_id is null
                or previous_device_id != device_id
            ),
            false
        ) as is_new_device_transaction
    from ordered_results

),

biometric_checked as (

    select
        *,
        coalesce(
            customer_type = 'individual'
            and (
                (
                    transaction_group = 'I.3'
                    and required_auth_level in ('C', 'D')
                )
                or (
                    transaction_group in ('I.2', 'I.3', 'I.4')
                    and is_new_device_transaction
                )
            ),
            false
        ) as requires_biometric
    from classified

),

final as (

    select

        -- ids
        transaction_id,
        customer_id,
        from_account_id,
        to_account_internal_id,
        to_account_external_id,
        device_id,
        previous_device_id,

        -- timestamps
        transaction_ts,
        transaction_date,

        -- attributes (low-cardinality text as ENUMs: macros/enum_of.sql)
        {{ enum_of('transaction_type', var('transaction_types')) }}
            as transaction_type,
        {{ enum_of('channel', var('channels')) }} as channel,
        counterparty_country,
        {{ enum_of('status', var('transaction_statuses')) }} as status,
        is_completed,
        {{ enum_of('customer_type', var('customer_types')) }} as customer_type,
        {{ enum_of('transaction_group', sbv2345_group_names()) }}
            as transaction_group,

        -- amounts
        amount,
        daily_group_total_before,
        tksth_before,

        -- classification
        {{ enum_of('required_auth_level', var('auth_security_levels')) }}
            as required_auth_level,
        {{ enum_of('achieved_auth_level', var('auth_security_levels')) }}
            as achieved_auth_level,
        requires_biometric,
        has_biometric_auth,
        is_new_device_transaction,
        auth_attempt_count,
        successful_auth_attempt_count,
        coalesce(
            required_auth_level is not null
            and achieved_auth_level is not null
            and achieved_auth_level >= required_auth_level
            and (has_biometric_auth or not requires_biometric),
            false
        ) as is_compliant,
        case
            when required_auth_level is null then 'unknown_transaction_group'
            when achieved_auth_level is null
                then 'no_successful_authentication'
            when achieved_auth_level < required_auth_level
                then 'weak_authentication'
            when requires_biometric and not has_biometric_auth
                then 'missing_biometric'
        end as non_compliance_reason,

        -- load audit
        transaction_batch_id,
        transaction_checked_at,
        auth_batch_id,
        auth_checked_at,
        {{ run_stamp() }} as classified_at

    from biometric_checked

)

select * from final
