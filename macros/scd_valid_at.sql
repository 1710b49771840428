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
