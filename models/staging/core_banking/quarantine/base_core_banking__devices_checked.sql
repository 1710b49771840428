{#- Rejection rules: a row is rejected with every reason whose rule holds. -#}
{%- set null_required -%}
    records.device_id is null
    or records.customer_id is null
    or records.device_type is null
    or records.device_identifier is null
    or records.status is null
    or records.first_seen_at is null
{%- endset %}

{%- set duplicate_key -%}
records.key_occurrence > 1
{%- endset %}

{%- set unknown_enum -%}
records.device_type not in {{ dq_values('device_types') }}
    or records.status not in {{ dq_values('device_statuses') }}
{%- endset %}

{%- set orphan_customer -%}
records.customer_id is not null and customers.customer_id is null
{%- endset %}

{%- set future_timestamp -%}
records.first_seen_at > records.loaded_at
{%- endset %}

with

base as (

    select * from {{ ref('base_core_banking__devices') }}

),

customers as (

    select distinct customer_id
    from {{ ref('base_core_banking__customers') }}
    where customer_id is not null

),

occurrences as (

    {{ dq_key_occurrences(
        'base', var('core_banking_keys')['devices']
    ) }}

),

checked as (

    select
        records.* exclude (records.unconvertible_columns),
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
