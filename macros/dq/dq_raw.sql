{#
    Reading a raw table as it landed: the macros of the base models
    (models/staging/core_banking/base/base_core_banking__<table>.sql).

    A raw table is what a source system sent. The base model must read every
    row of it, whatever the row holds, and hand the quarantine (the _checked
    model) enough to judge it: a value that does not convert to its type, a
    row without its load audit, a row corrected in place. Nothing may stop
    the feed or pass unseen.
#}

{#
    dq_raw_source(source_name, table_name): `source(...)`, after checking
    that the raw table still has every column the source declares (the raw
    contract, models/staging/core_banking/_core_banking__sources.yml).
      * a declared column that is missing stops the build with one error
        naming the table and the columns (instead of a binder error deep in
        a view);
      * a column the contract does not know (schema drift) is reported as a
        warning and otherwise ignored: the feed goes on, as dbt source
        freshness warns before it fails.
    Checked when the model runs, not at parse time; a raw table that does
    not exist is left to the database's own error.
#}
{% macro dq_raw_source(source_name, table_name) -%}
    {%- set relation = source(source_name, table_name) -%}
    {%- if execute and model.resource_type == 'model' -%}
        {%- set node = graph.sources.values()
            | selectattr('source_name', 'equalto', source_name)
            | selectattr('name', 'equalto', table_name)
            | first -%}
        {%- set present = adapter.get_relation(
            database=relation.database,
            schema=relation.schema,
            identifier=relation.identifier,
        ) -%}
        {%- if present is not none -%}
            {%- set declared = node.columns.keys() | map('lower') | list -%}
            {%- set actual = adapter.get_columns_in_relation(present)
                | map(attribute='name') | map('lower') | list -%}
            {%- set missing = declared | reject('in', actual) | list -%}
            {%- set extra = actual | reject('in', declared) | list -%}
            {%- if missing -%}
                {{ exceptions.raise_compiler_error(
                    'raw table ' ~ relation.schema ~ '.' ~ relation.identifier
                    ~ ' lacks column(s) ' ~ missing | join(', ')
                    ~ ' of the raw contract (declared in the sources of '
                    ~ node.original_file_path ~ '); it has: '
                    ~ actual | join(', ')
                ) }}
            {%- endif -%}
            {%- if extra -%}
                {%- do exceptions.warn(
                    'schema drift: raw table ' ~ relation.schema ~ '.'
                    ~ relation.identifier ~ ' has column(s) '
                    ~ extra | join(', ')
                    ~ ' that the raw contract does not declare; they are '
                    ~ 'not read (declare them in '
                    ~ node.original_file_path ~ ' to use them)'
                ) -%}
            {%- endif -%}
        {%- endif -%}
    {%- endif -%}
    {{ return(relation) }}
{%- endmacro %}

{#
    dq_row_hash(row_alias): the fingerprint of a raw row as landed, a
    hash of the whole row (every column, its load audit included). The base
    models carry it as `row_hash`; the incremental quarantine compares the
    count and the sum of the fingerprints per load to find every row added,
    deleted or corrected in place (macros/dq/dq_incremental.sql), and the
    reconciliation compares raw with the quarantine the same way
    (fct_dq_reconciliation). `row_alias` names a relation that selects
    exactly the raw table's columns (`select * from source`).
#}
{% macro dq_row_hash(row_alias) -%}
    {{ return(adapter.dispatch('dq_row_hash', 'bank')(row_alias)) }}
{%- endmacro %}

{% macro duckdb__dq_row_hash(row_alias) -%}
    hash({{ row_alias }})
{%- endmacro %}

{#- Spark: xxhash64 of every column of the row, as a decimal so that the
    per-load sum of the fingerprints cannot overflow a bigint (Spark's ANSI
    mode stops the query on overflow). Each engine compares its own hashes
    only: the values differ between engines, the rows they flag do not. -#}
{% macro spark__dq_row_hash(row_alias) -%}
    cast(xxhash64({{ row_alias }}.*) as decimal(20, 0))
{%- endmacro %}

{#
    dq_cast(casts, column, type): `column` converted to `type`, or null when
    the value does not convert (a text amount such as 'abc'): one bad value
    must be quarantined, not stop the feed with a conversion error. Records
    (column, type) in the list `casts`, which dq_unconvertible then reads:

        {%- set casts = [] %}
        select {{ dq_cast(casts, 'amount', 'decimal(18, 2)') }} as amount,
               ...
               {{ dq_unconvertible(casts) }} as unconvertible_columns
#}
{% macro dq_cast(casts, column, type) -%}
    {%- do casts.append((column, type)) -%}
    try_cast({{ column }} as {{ type }})
{%- endmacro %}

{#
    dq_unconvertible(casts): the list of the raw columns of this row that
    hold a value that does not convert to its type (empty when all do); the
    quarantine rejects such a row with reason unconvertible_value
    (dq_feed_rules). Call it after every dq_cast of the select.
#}
{% macro dq_unconvertible(casts) -%}
    {%- set checks = [] -%}
    {%- for column, type in casts -%}
        {%- do checks.append((
            column,
            column ~ ' is not null and try_cast(' ~ column ~ ' as ' ~ type
            ~ ') is null',
        )) -%}
    {%- endfor -%}
    {{ dq_reasons(checks) }}
{%- endmacro %}

{#
    dq_feed_rules(records='records'): the (reason, condition) rules every
    checked model applies whatever its table, ahead of its own rules:
      * missing_load_audit: no _batch_id or no _loaded_at, so the row cannot
        be placed in a load (the incremental checks, freshness and the
        duplicate rank all need both);
      * unconvertible_value: a value that does not convert to its type
        (dq_unconvertible; the columns are in unconvertible_columns of the
        base model). The other rules see such a value as null, so a
        required column adds null_required.
#}
{% macro dq_feed_rules(records='records') -%}
    {{ return([
        (
            'missing_load_audit',
            records ~ '.batch_id is null or ' ~ records ~ '.loaded_at is null',
        ),
        (
            'unconvertible_value',
            dq_reason_count(records ~ '.unconvertible_columns') ~ ' > 0',
        ),
    ]) }}
{%- endmacro %}

{#
    dq_load_audit_columns(casts, row_alias): the closing columns of every
    base model: the load audit (batch_id, loaded_at, converted like any
    other column) and the quarantine's inputs, unconvertible_columns (every
    dq_cast of the select, so it comes last) and row_hash of `row_alias`.
#}
{% macro dq_load_audit_columns(casts, row_alias) -%}
    {{ dq_cast(casts, '_batch_id', 'integer') }} as batch_id,
    {{ dq_cast(casts, '_loaded_at', 'timestamp') }} as loaded_at,
    {{ dq_unconvertible(casts) }} as unconvertible_columns,
    {{ dq_row_hash(row_alias) }} as row_hash
{%- endmacro %}
