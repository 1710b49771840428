{#
    sql_string_list(values): a list of strings as an SQL list literal, each
    value quoted (a quote inside doubled): ['atm', 'pos'] -> ('atm', 'pos').
    For `in (...)` filters and ENUM definitions; the lists themselves live
    in dbt vars (dbt_project.yml).
#}
{% macro sql_string_list(values) -%}
    {%- set quoted = [] -%}
    {%- for value in values -%}
        {%- do quoted.append("'" ~ (value | string | replace("'", "''")) ~ "'") -%}
    {%- endfor -%}
    ({{ quoted | join(', ') }})
{%- endmacro %}
