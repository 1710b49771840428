{#- Rejection rules: a row is rejected with every reason whose rule holds. -#}
{%- set null_required -%}
    records.account_id is null
    or records.customer_id is null
    or records.account_number is null
    or records.account_type is null
    or records.currency is null
    or records.status is null
    or records.opened_at is null
{%- endset %}

{%- set duplicate_key -%}
records.key_occurrence > 1
{%- endset %}

{%- set unknown_enum -%}
records.account_type not in {{ dq_values('account_types') }}
    or records.status not in {{ dq_values('account_statuses') }}
{%- endset %}

{%- set currency_mismatch -%}
records.currency <> '{{ var('bank_currency') }}'
{%- endset %}

{%- set orphan_customer -%}
records.customer_id is not null and customers.customer_id is null
{%- endset %}

{%- set future_timestamp -%}
records.opened_at > records.loaded_at
{%- endset %}

with

base as (

    select * from {{ ref('base_core_banking__bank_accounts') }}

),

customers as (

    select distinct customer_id
    from {{ ref('base_core_banking__customers') }}
    where customer_id is not null

),

occurrences as (

    {{ dq_key_occurrences(
        'base', var('core_banking_keys')['bank_accounts']
    ) }}

),

checked as (

    select
        records.* exclude (records.unconvertible_columns),
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
