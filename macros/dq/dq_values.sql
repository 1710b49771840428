{#
    A dbt var holding a list of allowed values, as an SQL list literal:
    dq_values('channels') -> ('mobile_app', 'internet_banking', 'atm', 'pos').
    The var is the one place the set is written (dbt_project.yml).
#}
{% macro dq_values(var_name) -%}
    ({%- for value in var(var_name) -%}
        '{{ value }}'{% if not loop.last %}, {% endif %}
    {%- endfor -%})
{%- endmacro %}
