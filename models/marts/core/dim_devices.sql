-- One row per registered device that passed the quarantine. The device
-- identifier (IMEI / MAC) is kept only as a keyed hash.
with

devices as (

    select * from {{ ref('stg_core_banking__devices') }}

),

final as (

    select
        -- ids
        device_id,
        customer_id,
        {{ pii_hash('device_identifier') }} as device_identifier_hash,

        -- attributes
        device_type,
        os_info,
        status,
        is_trusted,

        -- timestamps
        first_seen_at,
        last_seen_at,
        cast(first_seen_at as date) as first_seen_date,
        updated_at

    from devices

)

select * from final
