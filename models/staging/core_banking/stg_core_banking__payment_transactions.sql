{{ config(meta={'latest_load_column': 'batch_id'}) }}

with

checked as (

    select * from {{ ref('base_core_banking__payment_transactions_checked') }}

),

clean as (

    select
        transaction_id,
        customer_id,
        from_account_id,
        to_account_internal_id,
        to_account_external_id,
        device_id,
        transaction_type,
        channel,
        status,
        currency,
        merchant_category,
        counterparty_country,
        description,
        amount,
        transaction_ts,
        batch_id,
        loaded_at,
        checked_at
    from checked
    where {{ dq_reason_count('rejection_reasons') }} = 0

)

select * from clean
