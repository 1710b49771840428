{#- The seeder's loads, latest last. Empty on a warehouse that holds the
    raw contract only (another loader): meta.seeder_loads does not exist
    there, and nothing downstream may fail for it. -#}
{%- set loads = source('seeder', 'seeder_loads') -%}
{%- set landed = adapter.get_relation(
    database=loads.database,
    schema=loads.schema,
    identifier=loads.identifier,
) if execute else none %}

{% if landed is not none -%}
select
    batch_id,
    loaded_at,
    scenario,
    seed,
    start_date,
    days as simulated_days,
    customers
from {{ loads }}
{%- else -%}
select
    cast(null as integer) as batch_id,
    cast(null as timestamp) as loaded_at,
    cast(null as varchar) as scenario,
    cast(null as bigint) as seed,
    cast(null as date) as start_date,
    cast(null as integer) as simulated_days,
    cast(null as integer) as customers
where false
{%- endif %}
