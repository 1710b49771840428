{%- set tksth_limit = var('sbv2345_i3_b_max_tksth_vnd') -%}
{%- set explanation -%}
    'I.3 total since the last C/D confirmation reached '
    || {{ risk_format_number('max_tksth_after') }} || ' VND on '
    || cast(transaction_date as string) || ', over the '
    || {{ risk_format_number(tksth_limit) }} || ' VND limit; '
    || cast(transaction_count as string)
    || ' transaction(s) over it without C/D authentication'
{%- endset -%}

with

transactions as (

    select * from {{ ref('int_risk_transactions') }}

),

-- an individual's completed I.3 transactions of at most 10M that took
-- Tksth (the day's A/B total of the account since its last C/D
-- confirmation) over the limit, not confirmed with a C or D method
offending as (

    select * from transactions
    where
        is_completed
        and customer_type = 'individual'
        and transaction_group = 'I.3'
        and amount <= {{ var('sbv2345_i3_b_max_amount_vnd') }}
        and coalesce(tksth_before, 0) + amount > {{ tksth_limit }}
        and coalesce(achieved_auth_level, '') not in ('C', 'D')

),

final as (

    {{ risk_daily_alerts(
        'daily_limit_strong_auth',
        'offending',
        'from_account_id',
        explanation,
        {'max_tksth_after': 'max(coalesce(tksth_before, 0) + amount)'},
    ) }}

)

select * from final
