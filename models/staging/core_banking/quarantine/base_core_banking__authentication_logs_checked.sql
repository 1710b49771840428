{#- Incremental by load: a run checks only the loads that are new or
    changed (dq_batches_to_check, macros/dq/dq_incremental.sql); the pre-hook
    deletes their rows and the query appends them, checked again. The other
    rows stay as checked. -#}
{%- set base_model = 'base_core_banking__authentication_logs' -%}
{{ config(
    materialized='incremental',
    incremental_strategy='append',
    partition_by=engine_partition_by(['batch_id']),
    on_schema_change='append_new_columns',
    pre_hook="{{ dq_delete_batches_to_check(ref('" ~ base_model ~ "')) }}",
    meta={'latest_load_column': 'batch_id'},
) }}
{%- set batches = dq_batches_to_check(this, ref(base_model))
    if is_incremental() else 'true' %}
{%- if is_incremental() %}
    {%- set first_logged_transaction = dq_min_value(
        ref('base_core_banking__authentication_logs'),
        'transaction_id',
        batches,
    ) %}
{%- endif %}

{#- Rejection rules: a row is rejected with every reason whose rule holds. -#}
{%- set null_required = dq_rule_null_required([
    'auth_log_id',
    'transaction_id',
    'auth_method_id',
    'auth_result',
    'auth_ts'
]) %}

{%- set duplicate_key = dq_rule_duplicate_key() %}

{%- set unknown_enum = dq_rule_unknown_enum({
    'auth_result': 'auth_results'
}) %}

{%- set orphan_transaction -%}
records.transaction_id is not null
    and {{ dq_not_among(
        'records.transaction_id', 'transactions', 'transaction_id'
    ) }}
{%- endset %}

{%- set orphan_auth_method = dq_rule_orphan('auth_method_id', 'methods') %}

{%- set future_timestamp -%}
records.auth_ts > records.loaded_at
{%- endset %}

with

base as (

    select * from {{ ref('base_core_banking__authentication_logs') }}
    {%- if is_incremental() %}
        where {{ batches }}
    {%- endif %}

),

{% if is_incremental() -%}
-- the rows already checked (the hook deleted the batches rechecked here)
earlier as (

    select auth_log_id from {{ this }}

),

{% endif -%}

-- the ids an orphan check looks up (an anti-join: a hash table of the ids,
-- no distinct pass over them first)
transactions as (

    select payments.transaction_id
    from {{ ref('base_core_banking__payment_transactions') }} as payments
    where payments.transaction_id is not null
    {%- if is_incremental() %}
        -- from the smallest id the rechecked logs name, as a literal that
        -- skips the row groups of earlier loads (it only narrows the scan)
        and payments.transaction_id >= {{ first_logged_transaction }}
    {%- endif %}

),

methods as (

    {{ dq_known_keys(
        'base_core_banking__authentication_methods', 'auth_method_id'
    ) }}

),

occurrences as (

    {{ dq_key_occurrences(
        'base',
        var('core_banking_keys')['authentication_logs'],
        earlier='earlier' if is_incremental() else none,
    ) }}

),

checked as (

    select
        {{ star_except(['unconvertible_columns'], 'records') }},
        {{ run_stamp() }} as checked_at,
        {{ dq_reasons(dq_feed_rules() + [
            ('null_required', null_required),
            ('duplicate_key', duplicate_key),
            ('unknown_enum', unknown_enum),
            ('orphan_transaction', orphan_transaction),
            ('orphan_auth_method', orphan_auth_method),
            ('future_timestamp', future_timestamp)
        ]) }} as rejection_reasons
    from occurrences as records
    left join methods
        on records.auth_method_id = methods.auth_method_id

)

select * from checked
