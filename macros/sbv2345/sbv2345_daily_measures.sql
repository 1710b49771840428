{#
    The measures of the daily compliance summaries, written once.

    sbv2345_daily_measure_specs(): every measure as (name, kind, expression
    over rows of fct_transaction_classification); kinds say how the measure
    is computed from transactions and how it rolls up from a finer summary:
      count   cast(sum(case when <condition> then 1 else 0 end) as bigint)
              (condition 'true': every row), rolled up by sum
      amount  sum(case when <condition> then amount else 0 end), VND,
              rolled up by sum
      max     max(<expression>), rolled up by max
      any     bool_or(<condition>), rolled up by bool_or
    Measures: counts and amounts in total, per required class (A-D) and per
    group (I.1 ... II.3), each for all and for completed transactions; the
    largest amount; strong (C/D) authentication; compliance counts; and the
    latest classified_at of the rows (which the incremental runs compare).

    sbv2345_daily_measures(): the select-list items over transactions
    grouped by the summary's grain (fct_daily_account_summary).
    sbv2345_daily_measures_rollup(): the same measures over rows of a finer
    summary (customer-day from account-day, bank day from customer-day), so
    every summary adds up to the one below it by construction.
#}
{% macro sbv2345_daily_measure_specs() -%}
    {%- set specs = [
        ('transaction_count', 'count', 'true'),
        ('completed_count', 'count', 'is_completed'),
        ('not_completed_count', 'count', 'not is_completed'),
        ('total_amount', 'amount', 'true'),
        ('completed_amount', 'amount', 'is_completed'),
        ('largest_amount', 'max', 'amount'),
    ] -%}
    {%- set buckets = [] -%}
    {%- for level in ['A', 'B', 'C', 'D'] -%}
        {%- do buckets.append((
            "required_auth_level = '" ~ level ~ "'", 'class_' ~ (level | lower)
        )) -%}
    {%- endfor -%}
    {%- for group_name in sbv2345_group_names() -%}
        {%- do buckets.append((
            "transaction_group = '" ~ group_name ~ "'",
            'group_' ~ sbv2345_group_slug(group_name)
        )) -%}
    {%- endfor -%}
    {%- for condition, prefix in buckets -%}
        {%- do specs.append((prefix ~ '_count', 'count', condition)) -%}
        {%- do specs.append((
            prefix ~ '_completed_count', 'count',
            condition ~ ' and is_completed'
        )) -%}
        {%- do specs.append((prefix ~ '_amount', 'amount', condition)) -%}
        {%- do specs.append((
            prefix ~ '_completed_amount', 'amount',
            condition ~ ' and is_completed'
        )) -%}
    {%- endfor -%}
    {%- do specs.extend([
        ('has_strong_authentication', 'any',
            "coalesce(achieved_auth_level in ('C', 'D'), false)"),
        ('compliant_count', 'count', 'is_compliant'),
        ('non_compliant_count', 'count', 'not is_compliant'),
        ('requires_biometric_count', 'count', 'requires_biometric'),
        ('new_device_transaction_count', 'count', 'is_new_device_transaction'),
        ('classified_at', 'max', 'classified_at'),
    ]) -%}
    {{ return(specs) }}
{%- endmacro %}

{% macro sbv2345_daily_measures() -%}
    {%- for name, kind, expression in sbv2345_daily_measure_specs() %}
        {%- if kind == 'count' and expression == 'true' %}
        count(*)
        {%- elif kind == 'count' %}
        cast(sum(case when {{ expression }} then 1 else 0 end) as bigint)
        {%- elif kind == 'amount' and expression == 'true' %}
        cast(sum(amount) as decimal(18, 2))
        {%- elif kind == 'amount' %}
        cast(sum(case when {{ expression }} then amount else 0 end)
            as decimal(18, 2))
        {%- elif kind == 'max' %}
        max({{ expression }})
        {%- else %}
        coalesce(bool_or({{ expression }}), false)
        {%- endif %} as {{ name }}{{ ',' if not loop.last }}
    {%- endfor %}
{%- endmacro %}

{% macro sbv2345_daily_measures_rollup() -%}
    {%- for name, kind, expression in sbv2345_daily_measure_specs() %}
        {%- if kind == 'count' %}
        cast(sum({{ name }}) as bigint)
        {%- elif kind == 'amount' %}
        cast(sum({{ name }}) as decimal(18, 2))
        {%- elif kind == 'max' %}
        max({{ name }})
        {%- else %}
        coalesce(bool_or({{ name }}), false)
        {%- endif %} as {{ name }}{{ ',' if not loop.last }}
    {%- endfor %}
{%- endmacro %}
