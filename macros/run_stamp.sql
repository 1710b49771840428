{#
    run_stamp(): the start of this dbt invocation as a timestamp literal
    (UTC, dbt's run_started_at). Incremental models stamp the rows they
    (re)write with it (checked_at of the quarantine, classified_at of the
    classification); a model downstream finds what changed since it last
    ran as the rows stamped after the latest stamp it holds.
#}
{% macro run_stamp() -%}
    cast('{{ run_started_at.strftime("%Y-%m-%d %H:%M:%S.%f") }}' as timestamp)
{%- endmacro %}
