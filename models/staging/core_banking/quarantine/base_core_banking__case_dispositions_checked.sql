{#- Rejection rules: a row is rejected with every reason whose rule holds. -#}
{%- set null_required = dq_rule_null_required([
    'case_id',
    'customer_id',
    'decision',
    'decided_at'
]) %}

{%- set duplicate_key = dq_rule_duplicate_key() %}

{%- set unknown_enum = dq_rule_unknown_enum({'decision': 'case_decisions'}) %}

with

base as (

    select * from {{ ref('base_core_banking__case_dispositions') }}

),

occurrences as (

    {{ dq_key_occurrences(
        'base', var('core_banking_keys')['case_dispositions']
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
