{{ config(materialized='view') }}

{#- Rejection rules: a row is rejected with every reason whose rule holds. -#}
{%- set null_required -%}
    records.transaction_id is null
    or records.typology is null
    or records.case_id is null
    or records.case_role is null
{%- endset %}

{%- set duplicate_key -%}
records.key_occurrence > 1
{%- endset %}

with

base as (

    select * from {{ ref('base_core_banking__fraud_labels') }}

),

occurrences as (

    -- the first row of a key by load time is kept; later ones are re-sends
    select
        base.*,
        row_number() over (
            partition by base.transaction_id, base.typology, base.case_id
            order by base.loaded_at, base.batch_id
        ) as key_occurrence
    from base

),

checked as (

    select
        records.transaction_id,
        records.case_id,
        records.typology,
        records.case_role,
        records.batch_id,
        records.loaded_at,
        records.key_occurrence,
        {{ dq_reasons([
            ('null_required', null_required),
            ('duplicate_key', duplicate_key)
        ]) }} as rejection_reasons
    from occurrences as records

)

select * from checked
