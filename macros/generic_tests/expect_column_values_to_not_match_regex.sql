{#
    No value contains a match for `regex` anywhere in the string. `flags`
    and `is_raw` as for expect_column_values_to_match_regex. Null values are
    ignored.
#}
{% test expect_column_values_to_not_match_regex(
    model,
    column_name,
    regex,
    row_condition=none,
    is_raw=false,
    flags=""
) %}
{{ expectations_truth_check(
    model,
    "not " ~ expectations_regexp_matches(
        column_name, regex, is_raw=is_raw, flags=flags
    ),
    row_condition=row_condition
) }}
{% endtest %}
