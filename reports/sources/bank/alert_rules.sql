-- The alert rule catalogue (name, type, severity, basis, the queue it feeds:
-- fraud or compliance, target typology, thresholds as configured). Reads marts only.
select
    rule_id,
    rule_name,
    alert_type,
    entity_type,
    severity,
    case severity
        when 'critical' then 1 when 'high' then 2 when 'medium' then 3
        when 'low' then 4 else 5
    end                              as severity_order,
    basis,
    queue,
    coalesce(target_typology, '')    as target_typology,
    thresholds,
    description
from marts.dim_alert_rules
order by severity_order, rule_id
