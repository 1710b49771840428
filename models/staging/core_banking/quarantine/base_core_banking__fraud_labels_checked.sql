{#- Rejection rules: a row is rejected with every reason whose rule holds. -#}
{%- set null_required = dq_rule_null_required([
    'transaction_id',
    'typology',
    'case_id',
    'case_role'
]) %}

{%- set duplicate_key = dq_rule_duplicate_key() %}

with

base as (

    select * from {{ ref('base_core_banking__fraud_labels') }}

),

occurrences as (

    {{ dq_key_occurrences(
        'base', var('core_banking_keys')['fraud_labels']
    ) }}

),

checked as (

    select
        {{ star_except(['unconvertible_columns'], 'records') }},
        {{ dq_reasons(dq_feed_rules() + [
            ('null_required', null_required),
            ('duplicate_key', duplicate_key)
        ]) }} as rejection_reasons
    from occurrences as records

)

select * from checked
