{#
    Audit history of dbt runs, kept in schema `audit` (not a dbt model schema,
    so no dbt command drops it; the seeder replaces only `raw` and `meta`).

      on-run-start: "{{ audit_create_tables() }}"
      on-run-end:   "{{ audit_log_results(results) }}"

    audit_create_tables creates the schema and both tables when missing, so
    the `audit` source exists before the first staging view reads it, even on
    a fresh warehouse. audit_log_results appends one row per invocation to
    audit.dbt_invocations and one row per executed node (model, test, unit
    test, seed, snapshot) to audit.dbt_node_results. Both do nothing unless
    the command executes nodes (build, run, test, seed, snapshot); compile,
    docs generate, show, parse and source freshness leave the warehouse alone.
    Adapter-specific SQL (DDL, literals) sits behind adapter.dispatch.
#}

{% macro audit_schema() -%}
    {{ return('audit') }}
{%- endmacro %}

{% macro audit_is_logged_command() -%}
    {{ return(
        execute
        and flags.WHICH in ['build', 'run', 'test', 'seed', 'snapshot']
    ) }}
{%- endmacro %}

{% macro audit_relation(identifier) -%}
    {{ return(api.Relation.create(
        database=target.get('database'),
        schema=audit_schema(),
        identifier=identifier,
        type='table'
    )) }}
{%- endmacro %}

{#- Column name -> type of each audit table (portable dbt type macros). -#}
{% macro audit_columns(table) -%}
    {%- if table == 'dbt_invocations' -%}
        {{ return([
            ('invocation_id', dbt.type_string()),
            ('command', dbt.type_string()),
            ('target_name', dbt.type_string()),
            ('dbt_version', dbt.type_string()),
            ('is_full_refresh', dbt.type_boolean()),
            ('started_at', dbt.type_timestamp()),
            ('completed_at', dbt.type_timestamp()),
            ('result_count', dbt.type_bigint()),
            ('error_count', dbt.type_bigint()),
            ('is_success', dbt.type_boolean()),
        ]) }}
    {%- elif table == 'dbt_node_results' -%}
        {{ return([
            ('invocation_id', dbt.type_string()),
            ('unique_id', dbt.type_string()),
            ('resource_type', dbt.type_string()),
            ('node_name', dbt.type_string()),
            ('tested_node_unique_id', dbt.type_string()),
            ('status', dbt.type_string()),
            ('severity', dbt.type_string()),
            ('rows_affected', dbt.type_bigint()),
            ('failures', dbt.type_bigint()),
            ('execution_time_s', dbt.type_float()),
            ('message', dbt.type_string()),
            ('thread_id', dbt.type_string()),
            ('started_at', dbt.type_timestamp()),
            ('completed_at', dbt.type_timestamp()),
        ]) }}
    {%- else -%}
        {{ exceptions.raise_compiler_error('unknown audit table: ' ~ table) }}
    {%- endif -%}
{%- endmacro %}

{# on-run-start: make sure schema `audit` and its tables exist. #}
{% macro audit_create_tables() -%}
    {%- if audit_is_logged_command() -%}
        {%- do adapter.create_schema(api.Relation.create(
            database=target.get('database'), schema=audit_schema()
        )) -%}
        {%- for table in ['dbt_invocations', 'dbt_node_results'] -%}
            {%- do run_query(audit_create_table_sql(
                audit_relation(table), audit_columns(table)
            )) -%}
        {%- endfor -%}
    {%- endif -%}
    {#- the hook itself runs no SQL -#}
{%- endmacro %}

{% macro audit_create_table_sql(relation, columns) -%}
    {{ return(adapter.dispatch('audit_create_table_sql', 'bank')(
        relation, columns
    )) }}
{%- endmacro %}

{% macro default__audit_create_table_sql(relation, columns) -%}
    create table if not exists {{ relation }} (
    {%- for name, type in columns %}
        {{ name }} {{ type }}{{ ',' if not loop.last }}
    {%- endfor %}
    )
{%- endmacro %}

{#- Spark: same DDL, stored as Parquet (appends need no Delta). -#}
{% macro spark__audit_create_table_sql(relation, columns) -%}
    {{ default__audit_create_table_sql(relation, columns) }} using parquet
{%- endmacro %}

{# SQL literals, escaped; none -> null. #}
{% macro audit_string(value) -%}
    {{ return(adapter.dispatch('audit_string', 'bank')(value)) }}
{%- endmacro %}

{% macro default__audit_string(value) -%}
    {%- if value is none -%}
        {{ return('null') }}
    {%- else -%}
        {{ return("'" ~ (value | string | replace("'", "''")) ~ "'") }}
    {%- endif -%}
{%- endmacro %}

{#- Spark: backslash is an escape character in string literals. -#}
{% macro spark__audit_string(value) -%}
    {%- if value is none -%}
        {{ return('null') }}
    {%- else -%}
        {{ return("'" ~ (value | string | replace('\\', '\\\\')
            | replace("'", "\\'")) ~ "'") }}
    {%- endif -%}
{%- endmacro %}

{% macro audit_timestamp(value) -%}
    {%- if value is none -%}
        {{ return('null') }}
    {%- else -%}
        {#- naive UTC, to the microsecond -#}
        {{ return('cast(' ~ audit_string(
            value.replace(tzinfo=none).isoformat(sep=' ')
        ) ~ ' as ' ~ dbt.type_timestamp() ~ ')') }}
    {%- endif -%}
{%- endmacro %}

{% macro audit_number(value) -%}
    {%- if value is none or value is not number -%}
        {{ return('null') }}
    {%- else -%}
        {{ return(value | string) }}
    {%- endif -%}
{%- endmacro %}

{% macro audit_boolean(value) -%}
    {{ return('true' if value else 'false') }}
{%- endmacro %}

{# on-run-end: append this invocation and each of its results. #}
{% macro audit_log_results(results) -%}
    {%- if audit_is_logged_command() -%}
        {%- do audit_create_tables() -%}
        {%- set now = modules.datetime.datetime.now(modules.pytz.utc) -%}
        {%- set rows = [] -%}
        {%- set errors = [] -%}
        {%- for result in results -%}
            {%- do rows.append(audit_node_result_row(result)) -%}
            {%- if result.status in ['error', 'fail', 'runtime error'] -%}
                {%- do errors.append(result.node.unique_id) -%}
            {%- endif -%}
        {%- endfor -%}

        {%- set invocation_row -%}
            ({{ audit_string(invocation_id) }},
             {{ audit_string(flags.WHICH) }},
             {{ audit_string(target.name) }},
             {{ audit_string(dbt_version) }},
             {{ audit_boolean(flags.FULL_REFRESH) }},
             {{ audit_timestamp(run_started_at) }},
             {{ audit_timestamp(now) }},
             {{ results | length }},
             {{ errors | length }},
             {{ audit_boolean(errors | length == 0) }})
        {%- endset -%}

        {#- results first: a row in dbt_invocations means the run is logged -#}
        {%- for batch in rows | batch(500) -%}
            {%- do run_query(audit_insert_sql(
                audit_relation('dbt_node_results'),
                audit_columns('dbt_node_results'),
                batch
            )) -%}
        {%- endfor -%}
        {%- do run_query(audit_insert_sql(
            audit_relation('dbt_invocations'),
            audit_columns('dbt_invocations'),
            [invocation_row]
        )) -%}
        {{ log(
            'audit: logged ' ~ rows | length ~ ' results of invocation '
            ~ invocation_id ~ ' into schema ' ~ audit_schema(),
            info=true
        ) }}
    {%- endif -%}
{%- endmacro %}

{% macro audit_insert_sql(relation, columns, rows) -%}
    insert into {{ relation }} (
        {%- for name, type in columns %}
        {{ name }}{{ ',' if not loop.last }}
        {%- endfor %}
    )
    values
    {{ rows | join(',\n    ') }}
{%- endmacro %}

{#- One row of audit.dbt_node_results, as a SQL tuple. -#}
{% macro audit_node_result_row(result) -%}
    {%- set node = result.node -%}
    {%- set response = result.adapter_response or {} -%}
    {%- set tested = none -%}
    {%- if node.resource_type == 'test' -%}
        {%- set tested = node.attached_node
            or (node.depends_on.nodes | join(',')) or none -%}
    {%- elif node.resource_type == 'unit_test' -%}
        {%- set tested = node.tested_node_unique_id
            or (node.depends_on.nodes | first) -%}
    {%- endif -%}
    {%- set severity = none -%}
    {%- if node.resource_type == 'test' -%}
        {%- set severity = node.config.severity | lower -%}
    {%- endif -%}
    {#- timing of the execute step (a dict: loop-scoped `set` would not stick) -#}
    {%- set execute_step = {'started_at': none, 'completed_at': none} -%}
    {%- for step in result.timing if step.name == 'execute' -%}
        {%- do execute_step.update({
            'started_at': step.started_at,
            'completed_at': step.completed_at,
        }) -%}
    {%- endfor -%}
    ({{ audit_string(invocation_id) }},
     {{ audit_string(node.unique_id) }},
     {{ audit_string(node.resource_type) }},
     {{ audit_string(node.name) }},
     {{ audit_string(tested) }},
     {{ audit_string(result.status) }},
     {{ audit_string(severity) }},
     {{ audit_number(response.get('rows_affected')) }},
     {{ audit_number(result.failures) }},
     {{ audit_number(result.execution_time) }},
     {{ audit_string(result.message) }},
     {{ audit_string(result.thread_id) }},
     {{ audit_timestamp(execute_step['started_at']) }},
     {{ audit_timestamp(execute_step['completed_at']) }})
{%- endmacro %}
