{#
    dq_key_occurrences(relation, key_columns): every row of `relation` (a CTE
    name) with `key_occurrence`, its rank among the rows sharing its key
    (`key_columns`, the table's entry in var core_banking_keys) by load time:
    loaded_at, then batch_id. The first row of a key is kept; later ones are
    re-sends, rejected as duplicate_key by the checked models.
#}
{% macro dq_key_occurrences(relation, key_columns) -%}
    select
        {{ relation }}.*,
        row_number() over (
            partition by
            {%- for key in key_columns %}
                {{ relation }}.{{ key }}{{ ',' if not loop.last }}
            {%- endfor %}
            order by {{ relation }}.loaded_at, {{ relation }}.batch_id
        ) as key_occurrence
    from {{ relation }}
{%- endmacro %}
