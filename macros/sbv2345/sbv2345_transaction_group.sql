{#
    The SBV 2345 / Circular 50 transaction group of a transaction, from the
    customer type and the transaction type, as a `case` expression built from
    var `sbv2345_transaction_groups` (the table in docs/sbv2345.md is written there
    once). Null when the customer type or the transaction type is unknown.
#}
{% macro sbv2345_transaction_group(customer_type, transaction_type) -%}
    case
    {%- for who, groups in var('sbv2345_transaction_groups').items() %}
        {%- for group_name, types in groups.items() %}
        when {{ customer_type }} = '{{ who }}'
            and {{ transaction_type }} in (
                {%- for t in types %}'{{ t }}'{{ ', ' if not loop.last }}{% endfor -%}
            )
            then '{{ group_name }}'
        {%- endfor %}
    {%- endfor %}
    end
{%- endmacro %}

{# Every group name, in the order of the rule book (I.1 ... II.3). #}
{% macro sbv2345_group_names() -%}
    {%- set names = [] -%}
    {%- for who, groups in var('sbv2345_transaction_groups').items() -%}
        {%- for group_name in groups -%}
            {%- do names.append(group_name) -%}
        {%- endfor -%}
    {%- endfor -%}
    {{ return(names) }}
{%- endmacro %}

{# Column-name suffix of a group: 'I.2' -> 'i2', 'II.3' -> 'ii3'. #}
{% macro sbv2345_group_slug(group_name) -%}
    {{- group_name | lower | replace('.', '') -}}
{%- endmacro %}
