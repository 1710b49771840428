{#
    dq_key_occurrences(relation, key_columns, earlier=none): every row of
    `relation` (a CTE name) with `key_occurrence`, its rank among the rows
    sharing its key (`key_columns`, the table's entry in var
    core_banking_keys) by load time: loaded_at, then batch_id. The first row
    of a key is kept; later ones are re-sends, rejected as duplicate_key by
    the checked models.

    `earlier` (incremental runs): a relation holding the rows of the loads
    already checked (the checked table itself, restricted to the batches
    kept); a key's rows there come first, so a new row's rank is its rank
    among the new rows plus the number of earlier rows with its key. A null
    key part matches a null (as the full rank partitions nulls together).
#}
{% macro dq_key_occurrences(relation, key_columns, earlier=none) -%}
    select
        {{ relation }}.*,
        row_number() over (
            partition by
            {%- for key in key_columns %}
                {{ relation }}.{{ key }}{{ ',' if not loop.last }}
            {%- endfor %}
            order by {{ relation }}.loaded_at, {{ relation }}.batch_id
        )
        {%- if earlier is not none %}
        + coalesce(earlier_keys.earlier_occurrences, 0)
        {%- endif %} as key_occurrence
    from {{ relation }}
    {%- if earlier is not none %}
    left join (
        select
            {%- for key in key_columns %}
            {{ key }},
            {%- endfor %}
            count(*) as earlier_occurrences
        from {{ earlier }}
        {%- if key_columns | length == 1 %}
        -- only the keys the new rows carry (and null keys, which rank
        -- together)
        where
            {{ key_columns[0] }} in (
                select {{ key_columns[0] }} from {{ relation }}
            )
            or {{ key_columns[0] }} is null
        {%- endif %}
        group by all
    ) as earlier_keys
        on
        {%- for key in key_columns %}
            {{ relation }}.{{ key }} is not distinct from earlier_keys.{{ key }}
            {{- ' and' if not loop.last }}
        {%- endfor %}
    {%- endif %}
{%- endmacro %}
