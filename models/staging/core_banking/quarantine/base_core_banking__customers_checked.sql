{#- Rejection rules: a row is rejected with every reason whose rule holds. -#}
{%- set null_required -%}
    records.customer_id is null
    or records.customer_type is null
    or records.full_name is null
    or records.phone_number is null
    or records.registered_at is null
    or records.status is null
    or (records.customer_type = 'individual' and (records.national_id is null
    or records.date_of_birth is null
    or records.gender is null))
{%- endset %}

{%- set duplicate_key = dq_rule_duplicate_key() %}

{%- set unknown_enum = dq_rule_unknown_enum({
    'customer_type': 'customer_types',
    'status': 'customer_statuses',
    'gender': 'genders'
}) %}

{%- set bad_phone_format -%}
not {{ vn_phone_is_valid('records.phone_number') }}
{%- endset %}

{%- set bad_national_id -%}
records.customer_type = 'individual' and not {{ vn_national_id_is_valid(
        'records.national_id', 'records.date_of_birth', 'records.gender'
    ) }}
{%- endset %}

{%- set bad_tax_code -%}
not {{ vn_tax_code_is_valid('records.tax_code') }}
{%- endset %}

{%- set future_timestamp -%}
records.registered_at > records.loaded_at
{%- endset %}

with

base as (

    select * from {{ ref('base_core_banking__customers') }}

),

occurrences as (

    {{ dq_key_occurrences(
        'base', var('core_banking_keys')['customers']
    ) }}

),

checked as (

    select
        {{ star_except(['unconvertible_columns'], 'records') }},
        {{ dq_reasons(dq_feed_rules() + [
            ('null_required', null_required),
            ('duplicate_key', duplicate_key),
            ('unknown_enum', unknown_enum),
            ('bad_phone_format', bad_phone_format),
            ('bad_national_id', bad_national_id),
            ('bad_tax_code', bad_tax_code),
            ('future_timestamp', future_timestamp)
        ]) }} as rejection_reasons
    from occurrences as records

)

select * from checked
