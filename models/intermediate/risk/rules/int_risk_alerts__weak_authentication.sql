{%- set explanation -%}
    cast(transaction_count as string)
    || ' transaction(s) of ' || {{ risk_format_number('total_amount') }}
    || ' VND in total on ' || cast(transaction_date as string)
    || ' confirmed below the required class (e.g. '
    || example_shortfall || ')'
{%- endset -%}

with

transactions as (

    select * from {{ ref('int_risk_transactions') }}

),

-- completed transactions whose best successful method is below the class
-- they require; an individual's I.3 transfer in class C or D confirmed
-- below C is the missing biometric match that strong_auth_required and
-- daily_limit_strong_auth report
flagged as (

    select
        *,
        'group ' || transaction_group || ', class ' || required_auth_level
        || ' required, ' || coalesce(achieved_auth_level, 'none')
        || ' achieved' as shortfall
    from transactions
    where
        is_completed
        and required_auth_level is not null
        and coalesce(achieved_auth_level, '') < required_auth_level
        and not (
            customer_type = 'individual'
            and transaction_group = 'I.3'
            and required_auth_level in ('C', 'D')
            and coalesce(achieved_auth_level, '') < 'C'
        )

),

final as (

    {{ risk_daily_alerts(
        'weak_authentication',
        'flagged',
        'from_account_id',
        explanation,
        {'example_shortfall': 'min(shortfall)'},
    ) }}

)

select * from final
