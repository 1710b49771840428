{#- Rejection rules: a row is rejected with every reason whose rule holds. -#}
{%- set null_required = dq_rule_null_required([
    'table_name',
    'record_key',
    'defect_type'
]) %}

{%- set duplicate_key = dq_rule_duplicate_key() %}

with

base as (

    select * from {{ ref('base_core_banking__dq_injected_defects') }}

),

occurrences as (

    {{ dq_key_occurrences(
        'base', var('core_banking_keys')['dq_injected_defects']
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
