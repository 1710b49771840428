-- Per raw table: raw rows = clean rows + rejected rows (nothing lost).
-- Tables: var core_banking_keys.
with

counts as (

    {% for table_name in var('core_banking_keys') %}
    select
        '{{ table_name }}' as table_name,
        count(*) as raw_rows,
        count(*) filter (
            where {{ dq_reason_count('rejection_reasons') }} = 0
        ) as clean_rows,
        count(*) filter (
            where {{ dq_reason_count('rejection_reasons') }} > 0
        ) as rejected_rows
    from {{ ref('base_core_banking__' ~ table_name ~ '_checked') }}
    {% if not loop.last %}union all{% endif %}
    {% endfor %}

),

final as (

    select
        table_name,
        raw_rows,
        clean_rows,
        rejected_rows,
        raw_rows = clean_rows + rejected_rows as is_reconciled
    from counts

)

select * from final
