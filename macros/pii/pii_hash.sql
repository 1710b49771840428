{#
    Keyed hash of a personal-data value, for joining or counting distinct
    people in marts without carrying the value: hex sha256 of key || '|' ||
    value; null stays null. The key comes from the environment variable
    BANK_PII_HASH_KEY; without it the documented development key
    'bank-dev-pii-key-not-secret' is used, which is fine for the simulated
    data and nothing else. Set a real secret in any shared environment: the
    key is rendered into the compiled SQL under target/, so treat that folder
    as you would the key.
#}
{% macro pii_hash(column) -%}
    {{ return(adapter.dispatch('pii_hash', 'bank')(column)) }}
{%- endmacro %}

{% macro pii_hash_key() -%}
    {{ return(env_var('BANK_PII_HASH_KEY', 'bank-dev-pii-key-not-secret')) }}
{%- endmacro %}

{#- Spark / Databricks and most engines: sha2(..., 256). -#}
{% macro default__pii_hash(column) -%}
    case
        when {{ column }} is not null
            then sha2(
                concat('{{ pii_hash_key() | replace("'", "''") }}|',
                    cast({{ column }} as {{ dbt.type_string() }})),
                256
            )
    end
{%- endmacro %}

{% macro duckdb__pii_hash(column) -%}
    case
        when {{ column }} is not null
            then sha256(
                '{{ pii_hash_key() | replace("'", "''") }}|'
                || cast({{ column }} as varchar)
            )
    end
{%- endmacro %}
