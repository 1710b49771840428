{#
    No mart holds personal data in clear: every text column of every mart
    relation (models under models/marts/ or in schema marts, read from dbt's
    graph at execution time, so a new mart is swept without editing this
    file) is scanned for values that look like a CCCD, a Vietnamese mobile
    number or an e-mail address (macros/pii/no_pii_values.sql). Returns one
    row per (relation, column, kind) with the number of matching rows, never
    the values. Hash (pii_hash) or mask (mask_phone, mask_national_id,
    mask_email) such columns instead.

    This sweep reads the marts as they are when it runs (`dbt test`, or the
    start of `dbt build`, which orders it before models since it refs none).
    Each mart also carries the generic test no_pii_values, which `dbt build`
    runs right after that mart (dbt-bouncer enforces it). In the latest_load
    test scope, a mart that declares its latest load is swept for that load
    only (macros/test_scope.sql).
#}
{%- set relations = [] -%}
{%- if execute -%}
{%- for node in graph.nodes.values() | sort(attribute='name')
    if node.resource_type == 'model'
    and (node.original_file_path.startswith('models/marts/')
        or node.schema == 'marts') -%}
{%- set relation = adapter.get_relation(
    database=node.database, schema=node.schema, identifier=node.alias
) -%}
{%- if relation is not none -%}
{%- do relations.append(test_scope_rows(relation)) -%}
{%- endif -%}
{%- endfor -%}
{%- endif -%}
{{ pii_scan_sql(relations) }}
