-- The risk model registry (marts.dim_risk_models): one row per trained
-- version, its window, known-label metrics, champion flag and the days its
-- training served. Reads marts only; bounded by the training calendar.
select
    model_version,
    model_name,
    trained_through,
    train_start_date,
    train_end_date,
    validation_start_date,
    validation_end_date,
    serves_from_date,
    serves_until_date,
    known_label_count,
    train_positive_count,
    validation_positive_count,
    validation_auc,
    validation_average_precision,
    is_champion,
    is_current_champion,
    case when is_champion then 'champion' else 'challenger' end as model_role,
    coalesce(promotion_reason, '')                               as promotion_reason,
    left(artifact_sha256, 12)                                    as artifact_sha256_prefix
from marts.dim_risk_models
order by trained_through desc, is_champion desc, model_name
