{#- The customer type the SBV 2345 classification needs, for every customer
    whose rows name one known type, including customers the quarantine
    rejected for another reason: a malformed phone number or CCCD leaves the
    customer (and its row in fct_dq_rejected_records) no less an individual,
    and its transactions no less subject to the rule book. -#}

{%- set known_type -%}
customer_type in {{ dq_values('customer_types') }}
{%- endset %}

with

checked as (

    select * from {{ ref('base_core_banking__customers_checked') }}

),

per_customer as (

    select
        customer_id,
        min(customer_type) filter (where {{ known_type }}) as customer_type,
        count(distinct customer_type) filter (where {{ known_type }})
            as known_types,
        -- a row with a missing or unknown type makes the key ambiguous
        count(*) filter (where not coalesce({{ known_type }}, false))
            as untyped_rows,
        bool_or({{ dq_reason_count('rejection_reasons') }} > 0)
            as has_rejected_record
    from checked
    where customer_id is not null
    group by all

),

final as (

    select
        customer_id,
        customer_type,
        has_rejected_record
    from per_customer
    -- a duplicated key whose rows disagree on the type has none
    where known_types = 1 and untyped_rows = 0

)

select * from final
