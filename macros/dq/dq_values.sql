{#
    A dbt var holding a list of allowed values, as an SQL list literal:
    dq_values('channels') -> ('mobile_app', 'internet_banking', 'atm', 'pos').
    The var is the one place the set is written (dbt_project.yml).
#}
{% macro dq_values(var_name) -%}
    {{ sql_string_list(var(var_name)) }}
{%- endmacro %}
