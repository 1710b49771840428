{{
    config(
        meta={'latest_load_column': 'auth_batch_id'},
        materialized=keyed_incremental_materialization(),
        incremental_strategy='delete+insert',
        unique_key='transaction_id',
        on_schema_change='append_new_columns',
        post_hook=[
            "{{ incremental_delete_unbacked_transactions("
            "ref('stg_core_banking__authentication_logs')) }}"
        ],
    )
}}

{%- set checked_logs = ref('base_core_banking__authentication_logs_checked') %}
{%- set latest_check -%}
    select coalesce(max(latest.auth_checked_at), '-infinity')
    from {{ this }} as latest
{%- endset %}

with

authentication_logs as (

    select * from {{ ref('stg_core_banking__authentication_logs') }}
    {%- if is_incremental() %}
        -- dbt's plain watermark, not changed_partitions: this table is keyed
        -- by transaction, and a fingerprint per transaction would group
        -- every log on every run. Every log of the transactions that have
        -- a log the quarantine checked after the latest check this table
        -- holds (a new load, or an older one rechecked because raw
        -- corrected a row of it), and of the transactions this table took
        -- from a load rechecked since (a log it counted may be gone)
        where transaction_id in (
            select rechecked.transaction_id
            from {{ ref('stg_core_banking__authentication_logs') }}
                as rechecked
            where rechecked.checked_at > ({{ latest_check }})
            union all
            select held.transaction_id
            from {{ this }} as held
            where held.auth_batch_id >= (
                -- the checked table, whose rows a recheck rejected too
                select min(rechecked.batch_id)
                from {{ checked_logs }} as rechecked
                where rechecked.checked_at > ({{ latest_check }})
            )
        )
    {%- endif %}

),

authentication_methods as (

    select * from {{ ref('stg_core_banking__authentication_methods') }}

),

attempts as (

    select
        authentication_logs.transaction_id,
        authentication_logs.batch_id,
        authentication_logs.checked_at,
        authentication_methods.security_level,
        coalesce(authentication_logs.auth_result = 'success', false)
            as is_successful,
        coalesce(authentication_methods.is_biometric_required, false)
            as is_biometric
    from authentication_logs
    left join authentication_methods
        on
            authentication_logs.auth_method_id
            = authentication_methods.auth_method_id

),

authenticated as (

    select

        -- ids
        transaction_id,

        -- levels: A < B < C < D, so the highest level is the max letter
        max(case when is_successful then security_level end)
            as achieved_auth_level,
        coalesce(
            max(case when is_successful and is_biometric then 1 else 0 end)
            = 1,
            false
        ) as has_biometric_auth,

        -- counts
        count(*) as auth_attempt_count,
        count(*) filter (where is_successful)
            as successful_auth_attempt_count,

        -- load audit: the latest load that brought a log of this transaction
        max(batch_id) as auth_batch_id,
        max(checked_at) as auth_checked_at

    from attempts
    group by 1

)

select * from authenticated
