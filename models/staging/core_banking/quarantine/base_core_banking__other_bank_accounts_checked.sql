{#- Rejection rules: a row is rejected with every reason whose rule holds. -#}
{%- set null_required = dq_rule_null_required([
    'external_account_id',
    'counterparty_id',
    'bank_id',
    'account_number'
]) %}

{%- set duplicate_key = dq_rule_duplicate_key() %}

{%- set orphan_counterparty = dq_rule_orphan(
    'counterparty_id', 'counterparties'
) %}

{%- set orphan_bank = dq_rule_orphan('bank_id', 'banks') %}

with

base as (

    select * from {{ ref('base_core_banking__other_bank_accounts') }}

),

counterparties as (

    {{ dq_known_keys(
        'base_core_banking__other_bank_customers', 'counterparty_id'
    ) }}

),

banks as (

    {{ dq_known_keys('base_core_banking__banks', 'bank_id') }}

),

occurrences as (

    {{ dq_key_occurrences(
        'base', var('core_banking_keys')['other_bank_accounts']
    ) }}

),

checked as (

    select
        {{ star_except(['unconvertible_columns'], 'records') }},
        {{ dq_reasons(dq_feed_rules() + [
            ('null_required', null_required),
            ('duplicate_key', duplicate_key),
            ('orphan_counterparty', orphan_counterparty),
            ('orphan_bank', orphan_bank)
        ]) }} as rejection_reasons
    from occurrences as records
    left join counterparties
        on records.counterparty_id = counterparties.counterparty_id
    left join banks
        on records.bank_id = banks.bank_id

)

select * from checked
