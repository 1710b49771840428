{#- Rejection rules: a row is rejected with every reason whose rule holds. -#}
{%- set null_required = dq_rule_null_required([
    'account_id',
    'customer_id',
    'account_number',
    'account_type',
    'currency',
    'status',
    'opened_at'
]) %}

{%- set duplicate_key = dq_rule_duplicate_key() %}

{%- set unknown_enum = dq_rule_unknown_enum({
    'account_type': 'account_types',
    'status': 'account_statuses'
}) %}

{%- set currency_mismatch -%}
records.currency <> '{{ var('bank_currency') }}'
{%- endset %}

{%- set orphan_customer = dq_rule_orphan('customer_id', 'customers') %}

{%- set future_timestamp -%}
records.opened_at > records.loaded_at
{%- endset %}

with

base as (

    select * from {{ ref('base_core_banking__bank_accounts') }}

),

customers as (

    {{ dq_known_keys('base_core_banking__customers', 'customer_id') }}

),

occurrences as (

    {{ dq_key_occurrences(
        'base', var('core_banking_keys')['bank_accounts']
    ) }}

),

checked as (

    select
        {{ star_except(['unconvertible_columns'], 'records') }},
        {{ dq_reasons(dq_feed_rules() + [
            ('null_required', null_required),
            ('duplicate_key', duplicate_key),
            ('unknown_enum', unknown_enum),
            ('currency_mismatch', currency_mismatch),
            ('orphan_customer', orphan_customer),
            ('future_timestamp', future_timestamp)
        ]) }} as rejection_reasons
    from occurrences as records
    left join customers
        on records.customer_id = customers.customer_id

)

select * from checked
