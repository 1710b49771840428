{%- set explanation -%}
    cast(transaction_count as string)
    || ' completed transaction(s) of '
    || {{ risk_format_number('total_amount') }} || ' VND on '
    || cast(transaction_date as string) || ' from '
    || case
        when has_inactive_account then 'an inactive or frozen account'
        else 'an account of an inactive or suspended customer'
    end
{%- endset -%}

with

transactions as (

    select * from {{ ref('int_risk_transactions') }}

),

-- money that left an account inactive or frozen at the time, or one of a
-- customer inactive or suspended at the time
flagged as (

    select * from transactions
    where
        is_completed
        and is_money_moving
        and (
            is_account_inactive_at_transaction
            or is_customer_inactive_at_transaction
        )

),

final as (

    {{ risk_daily_alerts(
        'inactive_account',
        'flagged',
        'from_account_id',
        explanation,
        {'has_inactive_account': 'max(is_account_inactive_at_transaction)'},
    ) }}

)

select * from final
