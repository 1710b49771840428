{%- set explanation -%}
    cast(transaction_count as string)
    || ' completed transaction(s) of '
    || {{ risk_format_number('total_amount') }} || ' VND on '
    || cast(transaction_date as string) || ' from device '
    || cast(device_id as string)
    || ', untrusted, blocked or suspicious at the time'
{%- endset -%}

with

transactions as (

    select * from {{ ref('int_risk_transactions') }}

),

-- money that left from a device untrusted at the time
flagged as (

    select * from transactions
    where
        is_completed
        and is_money_moving
        and is_device_untrusted_at_transaction

),

final as (

    {{ risk_daily_alerts(
        'untrusted_device', 'flagged', 'device_id', explanation
    ) }}

)

select * from final
