{#
    Masked forms of personal data, readable by a person checking a record
    but no longer the value: each keeps a few characters and replaces the
    rest with '*'. None of them can match the patterns the marts scan
    (tests/assert_no_pii_in_marts.sql) looks for. Null stays null.

      mask_phone('0912345678')          -> '09******78'   (first 2, last 2)
      mask_national_id('001203004567')  -> '001*******67' (first 3, last 2)
      mask_email('an.nguyen@mail.vn')   -> 'a***@mail.vn' (first char, domain)

    Values too short to keep both ends are fully starred.
#}
{% macro mask_keep_ends(column, keep_first, keep_last) -%}
    {{ return(adapter.dispatch('mask_keep_ends', 'bank')(
        column, keep_first, keep_last
    )) }}
{%- endmacro %}

{% macro default__mask_keep_ends(column, keep_first, keep_last) -%}
    case
        when {{ column }} is null then null
        when length({{ column }}) <= {{ keep_first + keep_last }}
            then repeat('*', length({{ column }}))
        else concat(
            left({{ column }}, {{ keep_first }}),
            repeat('*', length({{ column }}) - {{ keep_first + keep_last }}),
            right({{ column }}, {{ keep_last }})
        )
    end
{%- endmacro %}

{% macro mask_phone(column) -%}
    {{ mask_keep_ends(column, 2, 2) }}
{%- endmacro %}

{% macro mask_national_id(column) -%}
    {{ mask_keep_ends(column, 3, 2) }}
{%- endmacro %}

{% macro mask_email(column) -%}
    {{ return(adapter.dispatch('mask_email', 'bank')(column)) }}
{%- endmacro %}

{#- No '@': nothing is safe to keep. -#}
{% macro default__mask_email(column) -%}
    case
        when {{ column }} is null then null
        when position('@' in {{ column }}) <= 1 then '***'
        else concat(
            left({{ column }}, 1),
            '***',
            substring({{ column }}, position('@' in {{ column }}))
        )
    end
{%- endmacro %}
