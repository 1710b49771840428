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
    test scope (macros/test_scope.sql), the nightly job's, the sweep leaves
    a mart with its own no_pii_values test to that test, which reads the
    mart just built in the same scope (the sweep would read the previous
    run's rows, swept then), and sweeps the others, each mart that declares
    its latest load for that load only.
#}
{%- set own_test = [] -%}
{%- if execute and var('test_scope', 'all') == 'latest_load' -%}
{%- for test in graph.nodes.values()
    if test.resource_type == 'test'
    and (test.test_metadata or {}).get('name') == 'no_pii_values' -%}
{%- do own_test.append(test.attached_node) -%}
{%- endfor -%}
{%- endif -%}
{%- set relations = [] -%}
{%- if execute -%}
{%- for node in graph.nodes.values() | sort(attribute='name')
    if node.resource_type == 'model'
    and (node.original_file_path.startswith('models/marts/')
        or node.schema == 'marts')
    and node.unique_id not in own_test -%}
{%- set relation = adapter.get_relation(
    database=node.database, schema=node.schema, identifier=node.alias
) -%}
{%- if relation is not none -%}
{%- do relations.append(test_scope_rows(relation)) -%}
{%- endif -%}
{%- endfor -%}
{%- endif -%}
{{ pii_scan_sql(relations) }}
