{#
    The latest value of the timestamp/date column (ignoring values in the
    future) is no older than `interval` `datepart`s (e.g. 1 day) before now.
    Fails when row_condition leaves no row. "Now" is read in the zone of the
    var 'dbt_date:time_zone' (default UTC), like the package.
#}
{% test expect_row_values_to_have_recent_data(
    model,
    column_name,
    datepart,
    interval,
    row_condition=none
) %}
{%- set timestamp_type = dbt.type_timestamp() -%}
{%- set value = "cast(" ~ column_name ~ " as " ~ timestamp_type ~ ")" -%}
{%- set now = expectations_now() -%}
with

latest as (

    select max({{ value }}) as latest_timestamp
    from {{ model }}
    {{ expectations_where(row_condition, value ~ " <= " ~ now) }}

)

select * from latest
where
    coalesce(
        latest_timestamp, cast('1970-01-01' as {{ timestamp_type }})
    )
    < cast(
        {{ dbt.dateadd(datepart, interval * -1, now) }}
        as {{ timestamp_type }}
    )
{% endtest %}
