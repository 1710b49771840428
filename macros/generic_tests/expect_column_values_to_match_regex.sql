{#
    Every value contains a match for `regex` (anchor it with ^...$ to match
    the whole value). `flags` are the engine's regex options, e.g. "i" for
    case-insensitive; `is_raw` marks a raw pattern. Null values are ignored.
#}
{% test expect_column_values_to_match_regex(
    model,
    column_name,
    regex,
    row_condition=none,
    is_raw=false,
    flags=""
) %}
{{ expectations_truth_check(
    model,
    expectations_regexp_matches(
        column_name, regex, is_raw=is_raw, flags=flags
    ),
    row_condition=row_condition
) }}
{% endtest %}
