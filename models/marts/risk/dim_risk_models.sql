{#- The risk model registry (int_risk_model_versions) without the stored
    models themselves: one row per version, with the days each champion
    served. -#}

with

versions as (

    select * from {{ ref('int_risk_model_versions') }}

),

training_days as (

    select distinct trained_through
    from versions

),

trainings as (

    select
        trained_through,
        lead(trained_through) over (
            order by trained_through
        ) as next_trained_through
    from training_days

),

current_champion as (

    select max(trained_through) as trained_through
    from versions
    where is_champion

),

final as (

    select
        versions.model_version,
        versions.model_name,
        versions.algorithm,
        versions.trained_through,
        versions.train_start_date,
        versions.train_end_date,
        versions.validation_start_date,
        versions.validation_end_date,
        versions.feature_list,
        versions.parameters,
        versions.known_label_count,
        versions.train_row_count,
        versions.train_positive_count,
        versions.train_auc,
        versions.train_average_precision,
        versions.validation_row_count,
        versions.validation_positive_count,
        versions.validation_auc,
        versions.validation_average_precision,
        versions.is_champion,
        versions.promotion_reason,
        versions.artifact_sha256,
        trainings.trained_through + 1 as serves_from_date,
        trainings.next_trained_through as serves_until_date,
        coalesce(
            versions.is_champion
            and versions.trained_through = current_champion.trained_through,
            false
        ) as is_current_champion
    from versions
    inner join trainings
        on versions.trained_through = trainings.trained_through
    cross join current_champion

)

select * from final
