{#- Rejection rules: a row is rejected with every reason whose rule holds. -#}
{%- set null_required = dq_rule_null_required([
    'complaint_id',
    'customer_id',
    'transaction_id',
    'reported_at'
]) %}

{%- set duplicate_key = dq_rule_duplicate_key() %}

with

base as (

    select * from {{ ref('base_core_banking__fraud_complaints') }}

),

occurrences as (

    {{ dq_key_occurrences(
        'base', var('core_banking_keys')['fraud_complaints']
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
