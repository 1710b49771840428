{#- Every champion score is explained exactly: the tree-SHAP base value,
    the three reason codes' contributions and the other features' add up
    to the raw score (log-odds), and the reasons are in descending order
    of contribution (the three that raise the score most). Every score,
    champion or challenger, is the logistic of its raw score. Returns the
    rows that break it. -#}

select
    customer_id,
    score_date,
    model_version
from {{ ref('fct_risk_score_log') }}
where
    is_champion and (
        base_value is null
        or reason_1_feature is null
        or abs(
            base_value
            + reason_1_contribution
            + reason_2_contribution
            + reason_3_contribution
            + other_contribution
            - raw_score
        ) > 1e-9
        or reason_1_contribution < reason_2_contribution
        or reason_2_contribution < reason_3_contribution
    )
    or abs(score - 1 / (1 + exp(-raw_score))) > 1e-12
