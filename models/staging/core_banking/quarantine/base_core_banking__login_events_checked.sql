{#- Incremental by load: a run checks only the loads that are new or
    changed (dq_batches_to_check, macros/dq/dq_incremental.sql); the pre-hook
    deletes their rows and the query appends them, checked again. The other
    rows stay as checked. -#}
{%- set base_model = 'base_core_banking__login_events' -%}
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

{#- Rejection rules: a row is rejected with every reason whose rule holds. -#}
{%- set null_required = dq_rule_null_required([
    'login_id',
    'customer_id',
    'login_result',
    'login_ts'
]) %}

{%- set duplicate_key = dq_rule_duplicate_key() %}

{%- set unknown_enum = dq_rule_unknown_enum({
    'login_result': 'login_results'
}) %}

{%- set orphan_customer = dq_rule_orphan('customer_id', 'customers') %}

{%- set orphan_device = dq_rule_orphan('device_id', 'devices') %}

{%- set future_timestamp -%}
records.login_ts > records.loaded_at
{%- endset %}

with

base as (

    select * from {{ ref('base_core_banking__login_events') }}
    {%- if is_incremental() %}
        where {{ batches }}
    {%- endif %}

),

{% if is_incremental() -%}
-- the rows already checked (the hook deleted the batches rechecked here)
earlier as (

    select login_id from {{ this }}

),

{% endif -%}

customers as (

    {{ dq_known_keys('base_core_banking__customers', 'customer_id') }}

),

devices as (

    {{ dq_known_keys('base_core_banking__devices', 'device_id') }}

),

occurrences as (

    {{ dq_key_occurrences(
        'base',
        var('core_banking_keys')['login_events'],
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
            ('orphan_customer', orphan_customer),
            ('orphan_device', orphan_device),
            ('future_timestamp', future_timestamp)
        ]) }} as rejection_reasons
    from occurrences as records
    left join customers
        on records.customer_id = customers.customer_id
    left join devices
        on records.device_id = devices.device_id

)

select * from checked
