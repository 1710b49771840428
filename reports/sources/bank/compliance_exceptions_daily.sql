-- The compliance queue per day and rule (marts.fct_compliance_exceptions):
-- exceptions opened that day and those open at the end of it (opened on or
-- before the day, not closed by then). Days run from the first to the
-- latest flagged day. Reads marts only; aggregated.
with days as (
    select unnest(generate_series(min(flagged_date), max(flagged_date), interval 1 day))::date
        as exception_date
    from marts.fct_compliance_exception_days
),

exceptions as (
    select
        e.exception_id,
        e.rule_id,
        e.rule_name,
        e.severity,
        e.entity_type,
        e.opened_date,
        e.closed_date
    from marts.fct_compliance_exceptions as e
)

select
    d.exception_date,
    strftime(d.exception_date, '%Y-%m-%d')                         as exception_day,
    x.rule_id,
    any_value(x.rule_name)                                         as rule_name,
    any_value(x.severity)                                          as severity,
    any_value(x.entity_type)                                       as entity_type,
    count(*) filter (where x.opened_date = d.exception_date)::bigint
                                                                   as opened_exceptions,
    count(*) filter (where x.closed_date = d.exception_date)::bigint
                                                                   as closed_exceptions,
    count(*) filter (
        where x.closed_date is null or x.closed_date > d.exception_date
    )::bigint                                                      as open_exceptions
from days as d
inner join exceptions as x
    on x.opened_date <= d.exception_date
group by d.exception_date, x.rule_id
order by d.exception_date, x.rule_id
