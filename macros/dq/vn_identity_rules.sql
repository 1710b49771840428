{#
    Validity of Vietnamese identifiers, as SQL boolean expressions. Each
    returns null when the value is null (the null_required rule owns nulls).
    DuckDB's try_cast keeps a malformed value (letters) from failing the
    query: the format test rejects it instead.
#}

{#
    12-digit CCCD: province code (3, from ref_cccd_provinces), a digit for
    gender and century of birth (Circular 59/2021/TT-BCA: 1900s 0 male /
    1 female, 2000s 2 / 3, 2100s 4 / 5, 2200s 6 / 7, 1800s 8 / 9), the last
    two digits of the birth year, then six digits.
#}
{% macro vn_national_id_is_valid(national_id, date_of_birth, gender) -%}
    (
        {{ regex_full_match(national_id, '[0-9]{12}') }}
        and substr({{ national_id }}, 1, 3) in (
            select ref.province_code from {{ ref('ref_cccd_provinces') }} as ref
        )
        and try_cast(substr({{ national_id }}, 4, 1) as integer)
        - try_cast(substr({{ national_id }}, 4, 1) as integer) % 2
        = case
            when year({{ date_of_birth }}) between 1900 and 1999 then 0
            when year({{ date_of_birth }}) between 2000 and 2099 then 2
            when year({{ date_of_birth }}) between 2100 and 2199 then 4
            when year({{ date_of_birth }}) between 2200 and 2299 then 6
            when year({{ date_of_birth }}) between 1800 and 1899 then 8
        end
        and try_cast(substr({{ national_id }}, 4, 1) as integer) % 2
        = case {{ gender }} when 'female' then 1 when 'male' then 0 end
        and substr({{ national_id }}, 5, 2)
        = lpad(
            cast(year({{ date_of_birth }}) % 100 as {{ dbt.type_string() }}),
            2,
            '0'
        )
    )
{%- endmacro %}


{# 10-digit mobile number whose prefix is in service (ref_mobile_prefixes). #}
{% macro vn_phone_is_valid(phone_number) -%}
    (
        {{ regex_full_match(phone_number, '0[0-9]{9}') }}
        and substr({{ phone_number }}, 1, 3) in (
            select ref.prefix from {{ ref('ref_mobile_prefixes') }} as ref
        )
    )
{%- endmacro %}


{#
    10-digit tax code with a valid check digit: the tenth digit is
    10 - (31 d1 + 29 d2 + 23 d3 + 19 d4 + 17 d5 + 13 d6 + 7 d7 + 5 d8 + 3 d9)
    mod 11 (a remainder of 0 or 1 leaves no valid digit). Branch codes with a
    -NNN suffix are valid when their first ten digits are.
#}
{% macro vn_tax_code_is_valid(tax_code) -%}
    {%- set weights = var('vn_tax_code_weights') -%}
    (
        {{ regex_full_match(tax_code, '[0-9]{10}(-[0-9]{3})?') }}
        and try_cast(substr({{ tax_code }}, 10, 1) as integer) = 10 - (
            {%- for w in weights %}
            {{ w }} * try_cast(substr({{ tax_code }}, {{ loop.index }}, 1) as integer)
            {%- if not loop.last %} +{% endif %}
            {%- endfor %}
        ) % 11
    )
{%- endmacro %}
