{#
    scd_valid_at(history, at): the condition that version `history` (a
    relation alias of an int_*_historized model) was in force at timestamp
    `at`. Versions are half-open [valid_from, valid_to): at the instant a
    new version starts, the old one no longer holds.
#}
{% macro scd_valid_at(history, at) -%}
    {{ at }} >= {{ history }}.valid_from
    and {{ at }} < {{ history }}.valid_to
{%- endmacro %}

{#
    scd_versions_with_current(current, history, key, current_columns,
    history_columns): one row per version of each entity, carrying the
    entity's current row (`current` columns, from staging) beside the
    version's own (`history` columns, an int_*_historized model), so that a
    fact joins both in one point-in-time join instead of two joins over
    every fact row. An entity without versions gets one row valid at all
    times (history columns null); one without a current row keeps its
    versions (current columns null): the same as the two separate joins,
    since the versions of an entity cover all time without gaps.
#}
{% macro scd_versions_with_current(
    current, history, key, current_columns, history_columns
) -%}
    select
        coalesce(current_rows.{{ key }}, history_rows.{{ key }}) as {{ key }},
        {%- for column in current_columns %}
        current_rows.{{ column }},
        {%- endfor %}
        {%- for column in history_columns %}
        history_rows.{{ column }} as version_{{ column }},
        {%- endfor %}
        coalesce(history_rows.valid_from, cast('1900-01-01' as timestamp))
            as valid_from,
        coalesce(history_rows.valid_to, cast('9999-12-31' as timestamp))
            as valid_to
    from {{ current }} as current_rows
    full outer join {{ history }} as history_rows
        on current_rows.{{ key }} = history_rows.{{ key }}
{%- endmacro %}

{#
    scd_version_known_at(versions, at): whether the version of a
    scd_versions_with_current row is known to have held at timestamp `at`.
    A later version holds from its own start; the first version known is
    stretched back to the beginning of time (the snapshot started after the
    entity existed), so it is known only from the current row's updated_at,
    or always when the row never changed since it was created.
#}
{% macro scd_version_known_at(versions, at) -%}
    (
        {{ versions }}.valid_from > cast('1900-01-01' as timestamp)
        or {{ versions }}.updated_at <= {{ at }}
        or {{ versions }}.updated_at = {{ versions }}.created_at
    )
{%- endmacro %}
