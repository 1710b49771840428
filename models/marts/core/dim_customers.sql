-- One row per customer whose master-data row passed the quarantine, with
-- what an analyst slices by. Personal data only as a keyed hash (to join or
-- count distinct people) or masked for display.
with

customers as (

    select * from {{ ref('stg_core_banking__customers') }}

),

provinces as (

    select * from {{ ref('ref_cccd_provinces') }}

),

accounts as (

    select
        customer_id,
        count(*) as account_count,
        count(*) filter (where status = 'active') as active_account_count
    from {{ ref('stg_core_banking__bank_accounts') }}
    group by all

),

devices as (

    select
        customer_id,
        count(*) as device_count,
        count(*) filter (where is_trusted) as trusted_device_count
    from {{ ref('stg_core_banking__devices') }}
    group by all

),

final as (

    select
        -- ids
        customers.customer_id,
        {{ pii_hash('customers.national_id') }} as national_id_hash,
        {{ pii_hash('customers.tax_code') }} as tax_code_hash,

        -- attributes
        customers.customer_type,
        customers.status,
        customers.gender,
        customers.province_code,
        provinces.province_name,
        {{ mask_phone('customers.phone_number') }} as phone_number_masked,
        -- calendar years between birth and the load that sent the row
        -- (bigint on every engine: Spark's year difference is an int)
        cast({{ dbt.datediff(
            'customers.date_of_birth', 'cast(customers.loaded_at as date)', 'year'
        ) }} as bigint) as age_years,

        -- products
        coalesce(accounts.account_count, 0) as account_count,
        coalesce(accounts.active_account_count, 0) as active_account_count,
        coalesce(devices.device_count, 0) as device_count,
        coalesce(devices.trusted_device_count, 0) as trusted_device_count,

        -- timestamps
        customers.registered_at,
        cast(customers.registered_at as date) as registration_date,
        customers.updated_at

    from customers
    left join provinces
        on customers.province_code = provinces.province_code
    left join accounts
        on customers.customer_id = accounts.customer_id
    left join devices
        on customers.customer_id = devices.customer_id

)

select * from final
