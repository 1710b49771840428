with

snapshot as (

    select * from {{ ref('snp_core_banking__customers') }}

),

historized as (

    select

        -- ids
        customer_id,

        -- attributes (no personal data)
        customer_type,
        province_code,
        status,

        -- validity: the first version known is stretched back to the
        -- beginning of time (the snapshot started after the customer existed)
        case
            when
                row_number() over (
                    partition by customer_id order by dbt_valid_from
                ) = 1
                then cast('1900-01-01' as timestamp)
            else dbt_valid_from
        end as valid_from,
        coalesce(dbt_valid_to, cast('9999-12-31' as timestamp)) as valid_to

    from snapshot

)

select * from historized
