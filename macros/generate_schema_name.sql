{#
    Use the custom schema name as-is, so models land in `staging`,
    `intermediate` and `marts` rather than dbt's default `<target>_staging`.
    Nodes without a custom schema go to the target schema.
#}
{% macro generate_schema_name(custom_schema_name, node) -%}
    {%- if custom_schema_name is none -%}
        {{ target.schema }}
    {%- else -%}
        {{ custom_schema_name | trim }}
    {%- endif -%}
{%- endmacro %}
