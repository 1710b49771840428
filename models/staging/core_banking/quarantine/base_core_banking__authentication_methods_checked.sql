{#- Rejection rules: a row is rejected with every reason whose rule holds. -#}
{%- set null_required -%}
    records.auth_method_id is null
    or records.method_code is null
    or records.security_level is null
    or records.is_biometric_required is null
    or records.customer_type is null
{%- endset %}

{%- set duplicate_key -%}
records.key_occurrence > 1
{%- endset %}

{%- set unknown_enum -%}
records.security_level not in {{ dq_values('auth_security_levels') }}
    or records.customer_type not in {{ dq_values('customer_types') }}
{%- endset %}

with

base as (

    select * from {{ ref('base_core_banking__authentication_methods') }}

),

occurrences as (

    {{ dq_key_occurrences(
        'base', var('core_banking_keys')['authentication_methods']
    ) }}

),

checked as (

    select
        records.* exclude (records.unconvertible_columns),
        {{ dq_reasons(dq_feed_rules() + [
            ('null_required', null_required),
            ('duplicate_key', duplicate_key),
            ('unknown_enum', unknown_enum)
        ]) }} as rejection_reasons
    from occurrences as records

)

select * from checked
