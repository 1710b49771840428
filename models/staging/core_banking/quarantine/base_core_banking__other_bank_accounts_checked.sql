{#- Rejection rules: a row is rejected with every reason whose rule holds. -#}
{%- set null_required -%}
    records.external_account_id is null
    or records.counterparty_id is null
    or records.bank_id is null
    or records.account_number is null
{%- endset %}

{%- set duplicate_key -%}
records.key_occurrence > 1
{%- endset %}

{%- set orphan_counterparty -%}
records.counterparty_id is not null and counterparties.counterparty_id is null
{%- endset %}

{%- set orphan_bank -%}
records.bank_id is not null and banks.bank_id is null
{%- endset %}

with

base as (

    select * from {{ ref('base_core_banking__other_bank_accounts') }}

),

counterparties as (

    select distinct counterparty_id
    from {{ ref('base_core_banking__other_bank_customers') }}
    where counterparty_id is not null

),

banks as (

    select distinct bank_id
    from {{ ref('base_core_banking__banks') }}
    where bank_id is not null

),

occurrences as (

    {{ dq_key_occurrences(
        'base', var('core_banking_keys')['other_bank_accounts']
    ) }}

),

checked as (

    select
        records.* exclude (records.unconvertible_columns),
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
