{#- Rejection rules: a row is rejected with every reason whose rule holds. -#}
{%- set null_required = dq_rule_null_required([
    'auth_method_id',
    'method_code',
    'security_level',
    'is_biometric_required',
    'customer_type'
]) %}

{%- set duplicate_key = dq_rule_duplicate_key() %}

{%- set unknown_enum = dq_rule_unknown_enum({
    'security_level': 'auth_security_levels',
    'customer_type': 'customer_types'
}) %}

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
        {{ star_except(['unconvertible_columns'], 'records') }},
        {{ dq_reasons(dq_feed_rules() + [
            ('null_required', null_required),
            ('duplicate_key', duplicate_key),
            ('unknown_enum', unknown_enum)
        ]) }} as rejection_reasons
    from occurrences as records

)

select * from checked
