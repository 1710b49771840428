{#- Incremental by load: a run checks only the loads that are new or
    changed (dq_batches_to_check, macros/dq/dq_incremental.sql); the pre-hook
    deletes their rows and the query appends them, checked again. The other
    rows stay as checked. -#}
{%- set base_model = 'base_core_banking__payment_transactions' -%}
{{ config(
    materialized='incremental',
    incremental_strategy='append',
    partition_by=engine_partition_by(['batch_id']),
    on_schema_change='append_new_columns',
    pre_hook="{{ dq_delete_batches_to_check(ref('" ~ base_model ~ "')) }}",
    meta={'latest_load_column': 'batch_id'},
) }}
{%- set batches = dq_batches_to_check(this, ref(base_model))
    if is_incremental() else 'true' %}

{#- Rejection rules: a row is rejected with every reason whose rule holds. -#}
{%- set null_required = dq_rule_null_required([
    'transaction_id',
    'customer_id',
    'from_account_id',
    'transaction_type',
    'channel',
    'status',
    'currency',
    'amount',
    'transaction_ts'
]) %}

{%- set duplicate_key = dq_rule_duplicate_key() %}

{%- set unknown_enum = dq_rule_unknown_enum({
    'transaction_type': 'transaction_types',
    'channel': 'channels',
    'status': 'transaction_statuses'
}) %}

{%- set negative_amount -%}
records.amount < 0
{%- endset %}

{%- set zero_amount -%}
{#- only a known type says whether zero is allowed (inquiries move nothing) #}
    records.amount = 0
    and records.transaction_type in {{ dq_values('transaction_types') }}
    and records.transaction_type <> 'inquiry'
{%- endset %}

{%- set currency_mismatch -%}
records.currency <> '{{ var('bank_currency') }}'
{%- endset %}

{%- set orphan_customer = dq_rule_orphan('customer_id', 'customers') %}

{%- set orphan_account = dq_rule_orphan(
    'from_account_id', 'accounts', 'account_id'
) %}

{%- set account_owner_mismatch -%}
{#- the initiator must own the source account (docs/raw-contract.md); an account
    whose rows all lost their owner (a damaged row) cannot be judged #}
    records.customer_id is not null
    and accounts.owner_rows > 0
    and account_owners.account_id is null
{%- endset %}

{%- set orphan_device = dq_rule_orphan('device_id', 'devices') %}

{%- set future_timestamp -%}
records.transaction_ts > records.loaded_at
{%- endset %}

{%- set before_account_opened -%}
records.transaction_ts < account_openings.opened_at
{%- endset %}

with

base as (

    select * from {{ ref('base_core_banking__payment_transactions') }}
    {%- if is_incremental() %}
        where {{ batches }}
    {%- endif %}

),

{% if is_incremental() -%}
-- the rows already checked (the hook deleted the batches rechecked here)
earlier as (

    select transaction_id from {{ this }}

),

{% endif -%}

customers as (

    {{ dq_known_keys('base_core_banking__customers', 'customer_id') }}

),

-- every account any row names, and how many of its rows name an owner
accounts as (

    select
        account_id,
        count(customer_id) as owner_rows
    from {{ ref('base_core_banking__bank_accounts') }}
    where account_id is not null
    group by 1

),

-- every (account, owner) pair any row of the account names
account_owners as (

    select distinct
        account_id,
        customer_id
    from {{ ref('base_core_banking__bank_accounts') }}
    where account_id is not null and customer_id is not null

),

-- opening dates only from account rows that passed their own checks: a
-- damaged account row must not make its transactions look early
account_openings as (

    select
        account_id,
        min(opened_at) as opened_at
    from {{ ref('base_core_banking__bank_accounts_checked') }}
    where {{ dq_reason_count('rejection_reasons') }} = 0
    group by all

),

devices as (

    {{ dq_known_keys('base_core_banking__devices', 'device_id') }}

),

occurrences as (

    {{ dq_key_occurrences(
        'base',
        var('core_banking_keys')['payment_transactions'],
        earlier='earlier' if is_incremental() else none,
    ) }}

),

checked as (

    select
        {{ star_except(['unconvertible_columns'], 'records') }},
        {{ run_stamp() }} as checked_at,
        {{ dq_reasons(dq_feed_rules() + [
            ('null_required', null_required),
            ('duplicate_key', duplicate_key),
            ('unknown_enum', unknown_enum),
            ('negative_amount', negative_amount),
            ('zero_amount', zero_amount),
            ('currency_mismatch', currency_mismatch),
            ('orphan_customer', orphan_customer),
            ('orphan_account', orphan_account),
            ('account_owner_mismatch', account_owner_mismatch),
            ('orphan_device', orphan_device),
            ('future_timestamp', future_timestamp),
            ('before_account_opened', before_account_opened)
        ]) }} as rejection_reasons
    from occurrences as records
    left join customers
        on records.customer_id = customers.customer_id
    left join accounts
        on records.from_account_id = accounts.account_id
    left join account_owners
        on
            records.from_account_id = account_owners.account_id
            and records.customer_id = account_owners.customer_id
    left join account_openings
        on records.from_account_id = account_openings.account_id
    left join devices
        on records.device_id = devices.device_id

)

select * from checked
