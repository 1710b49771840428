{#- One row per regulatory amount threshold, rendered from its dbt var: the
    report site's bands and labels read the amounts here, so a change of the
    var reaches every page. The list names the vars; their values are never
    restated. -#}
{%- set thresholds = [
    ('sbv2345_i2_a_max_vnd', 'I.2', 'class A up to G+T'),
    ('sbv2345_i2_b_max_vnd', 'I.2', 'class B up to G+T'),
    ('sbv2345_i2_c_max_vnd', 'I.2', 'class C up to G+T'),
    ('sbv2345_i3_b_max_amount_vnd', 'I.3',
        'class B up to G; above: biometric match required'),
    ('sbv2345_i3_b_max_tksth_vnd', 'I.3',
        'class B up to G+Tksth; above: biometric match required'),
    ('sbv2345_i3_c_max_amount_vnd', 'I.3', 'class C up to G'),
    ('sbv2345_i3_c_max_daily_vnd', 'I.3', 'class C up to G+T'),
    ('sbv2345_i4_b_max_amount_vnd', 'I.4', 'class B up to G'),
    ('sbv2345_i4_b_max_daily_vnd', 'I.4', 'class B up to G+T'),
    ('sbv2345_ii2_b_max_amount_vnd', 'II.2', 'class B up to G'),
    ('sbv2345_ii2_b_max_daily_vnd', 'II.2', 'class B up to G+T'),
    ('sbv2345_ii3_b_max_amount_vnd', 'II.3', 'class B up to G'),
    ('sbv2345_ii3_b_max_daily_vnd', 'II.3', 'class B up to G+T'),
    ('risk_large_value_report_vnd', none,
        'large-value transaction report from this amount'),
] -%}

with

thresholds as (

    {% for name, transaction_group, meaning in thresholds -%}
    select
        '{{ name }}' as threshold_name,
        {%- if transaction_group %}
        '{{ transaction_group }}'
        {%- else %}
        cast(null as string)
        {%- endif %} as transaction_group,
        cast({{ var(name) }} as decimal(18, 2)) as amount_vnd,
        '{{ meaning }}' as meaning
    {% if not loop.last %}union all{% endif %}
    {% endfor %}

)

select
    threshold_name,
    transaction_group,
    amount_vnd,
    -- 10000000 -> 10M, 1500000000 -> 1.5B (as the rule book writes them)
    case
        when amount_vnd >= 1000000000
            then {{ short_number_text('amount_vnd / 1000000000') }} || 'B'
        when amount_vnd >= 1000000
            then {{ short_number_text('amount_vnd / 1000000') }} || 'M'
        else {{ short_number_text('amount_vnd') }}
    end as amount_label,
    meaning
from thresholds
