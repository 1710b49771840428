-- One row per rejected raw row and reason, from every table's quarantine
-- (base_core_banking__<table>_checked; tables and keys: var
-- core_banking_keys). Keys only: the rejected values may be personal data
-- and stay in raw, where access is controlled.
with

rejected as (

    {% for table_name, key_columns in var('core_banking_keys').items() %}
    select
        '{{ table_name }}' as table_name,
        {% for key_column in key_columns -%}
        cast({{ key_column }} as {{ dbt.type_string() }})
        {%- if not loop.last %} || '|' || {% endif %}
        {%- endfor %} as record_key,
        key_occurrence,
        rejection_reasons,
        batch_id,
        loaded_at
    from {{ ref('base_core_banking__' ~ table_name ~ '_checked') }}
    where {{ dq_reason_count('rejection_reasons') }} > 0
    {% if not loop.last %}union all{% endif %}
    {% endfor %}

),

final as (

    select
        -- ids
        rejected.table_name,
        rejected.record_key,
        rejected.key_occurrence,

        -- reason
        reason.rejection_reason,
        {{ dq_reason_count('rejected.rejection_reasons') }} as reason_count,

        -- load audit
        rejected.batch_id,
        rejected.loaded_at

    from rejected
    cross join
        {{ dq_unnest_reasons('rejected.rejection_reasons') }}
            as reason (rejection_reason)

)

select * from final
