with

checked as (

    select * from {{ ref('base_core_banking__other_bank_accounts_checked') }}

),

clean as (

    select
        {{ star_except([
            'row_hash', 'key_occurrence', 'rejection_reasons'
        ]) }}
    from checked
    where {{ dq_reason_count('rejection_reasons') }} = 0

)

select * from clean
