-- Per raw table: what raw holds now against what the quarantine checked.
-- Raw is counted and fingerprinted itself, through its base model (a view
-- of every raw row as it is now, row_hash included), never through the
-- quarantine, so a raw row lost, added or corrected after the quarantine
-- last ran shows here as a difference. Tables: var core_banking_keys.
with

raw_tables as (

    {% for table_name in var('core_banking_keys') %}
    select
        '{{ table_name }}' as table_name,
        count(*) as raw_rows,
        sum(row_hash) as raw_fingerprint
    from {{ ref('base_core_banking__' ~ table_name) }}
    {% if not loop.last %}union all{% endif %}
    {% endfor %}

),

quarantine as (

    {% for table_name in var('core_banking_keys') %}
    select
        '{{ table_name }}' as table_name,
        count(*) as checked_rows,
        sum(row_hash) as checked_fingerprint,
        count(*) filter (
            where {{ dq_reason_count('rejection_reasons') }} > 0
        ) as rejected_rows
    from {{ ref('base_core_banking__' ~ table_name ~ '_checked') }}
    {% if not loop.last %}union all{% endif %}
    {% endfor %}

),

clean as (

    {% for table_name in var('core_banking_keys') %}
    select
        '{{ table_name }}' as table_name,
        count(*) as clean_rows
    from {{ ref('stg_core_banking__' ~ table_name) }}
    {% if not loop.last %}union all{% endif %}
    {% endfor %}

),

counts as (

    select
        raw_tables.table_name,
        raw_tables.raw_rows,
        raw_tables.raw_fingerprint,
        quarantine.checked_rows,
        quarantine.checked_fingerprint,
        clean.clean_rows,
        quarantine.rejected_rows
    from raw_tables
    inner join quarantine on raw_tables.table_name = quarantine.table_name
    inner join clean on raw_tables.table_name = clean.table_name

),

matched as (

    select
        table_name,
        raw_rows,
        checked_rows,
        clean_rows,
        rejected_rows,
        -- an empty table has a null sum on both sides
        raw_rows = checked_rows
        and coalesce(raw_fingerprint, 0) = coalesce(checked_fingerprint, 0)
            as is_content_matched
    from counts

),

final as (

    select
        table_name,
        raw_rows,
        checked_rows,
        clean_rows,
        rejected_rows,
        is_content_matched,
        is_content_matched and raw_rows = clean_rows + rejected_rows
            as is_reconciled
    from matched

)

select * from final
