{#
    Regular expressions of personal data that must never appear in a mart,
    used by tests/assert_no_pii_in_marts.sql. The number patterns must stand
    alone: on the left the start of the text or a character that is not a
    letter, digit, '.', '_' or '-'; on the right the end or a character that
    is not a letter, digit or '-'. So digits inside a hex hash, a UUID group
    (…-123456789012) or a dbt unique id (test.bank.x.0123456789) do not
    count, while 'call 0912345678.' or 'CCCD: 001203004567' do.
#}
{% macro pii_patterns() -%}
    {%- set edge_l = '(^|[^0-9A-Za-z._-])' -%}
    {%- set edge_r = '($|[^0-9A-Za-z-])' -%}
    {{ return({
        'cccd': edge_l ~ '[0-9]{12}' ~ edge_r,
        'vn_mobile': edge_l ~ '(0|[+]?84)[0-9]{9}' ~ edge_r,
        'email': '[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+([.][A-Za-z0-9-]+)*[.][A-Za-z]{2,}',
    }) }}
{%- endmacro %}

{# True where `column` (text) matches the regular expression `pattern`. #}
{% macro regex_contains(column, pattern) -%}
    {{ return(adapter.dispatch('regex_contains', 'bank')(column, pattern)) }}
{%- endmacro %}

{% macro default__regex_contains(column, pattern) -%}
    ({{ column }} rlike '{{ pattern | replace("'", "''") }}')
{%- endmacro %}

{% macro duckdb__regex_contains(column, pattern) -%}
    regexp_matches({{ column }}, '{{ pattern | replace("'", "''") }}')
{%- endmacro %}
