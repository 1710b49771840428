{#- Rejection rules: a row is rejected with every reason whose rule holds. -#}
{%- set null_required = dq_rule_null_required([
    'device_id',
    'customer_id',
    'device_type',
    'device_identifier',
    'status',
    'first_seen_at'
]) %}

{%- set duplicate_key = dq_rule_duplicate_key() %}

{%- set unknown_enum = dq_rule_unknown_enum({
    'device_type': 'device_types',
    'status': 'device_statuses'
}) %}

{%- set orphan_customer = dq_rule_orphan('customer_id', 'customers') %}

{%- set future_timestamp -%}
records.first_seen_at > records.loaded_at
{%- endset %}

with

base as (

    select * from {{ ref('base_core_banking__devices') }}

),

customers as (

    {{ dq_known_keys('base_core_banking__customers', 'customer_id') }}

),

occurrences as (

    {{ dq_key_occurrences(
        'base', var('core_banking_keys')['devices']
    ) }}

),

checked as (

    select
        {{ star_except(['unconvertible_columns'], 'records') }},
        {{ dq_reasons(dq_feed_rules() + [
            ('null_required', null_required),
            ('duplicate_key', duplicate_key),
            ('unknown_enum', unknown_enum),
            ('orphan_customer', orphan_customer),
            ('future_timestamp', future_timestamp)
        ]) }} as rejection_reasons
    from occurrences as records
    left join customers
        on records.customer_id = customers.customer_id

)

select * from checked
