{#
    Required transaction class (A-D) of docs/sbv2345.md from the group, G (amount),
    T (earlier completed same-day same-group same-account total) and Tksth.
    Every threshold comes from a `sbv2345_*` var; bounds are inclusive (a
    value equal to a bound stays in the lower class).
#}
{% macro sbv2345_required_class(group_col, amount, total_before, tksth_before) -%}
    case
        when {{ group_col }} in ('I.1', 'II.1') then 'A'
        when {{ group_col }} = 'I.2'
            then
                case
                    when {{ amount }} + {{ total_before }}
                        <= {{ var('sbv2345_i2_a_max_vnd') }} then 'A'
                    when {{ amount }} + {{ total_before }}
                        <= {{ var('sbv2345_i2_b_max_vnd') }} then 'B'
                    when {{ amount }} + {{ total_before }}
                        <= {{ var('sbv2345_i2_c_max_vnd') }} then 'C'
                    else 'D'
                end
        when {{ group_col }} = 'I.3'
            then
                case
                    -- the B test looks only at G and Tksth (never at T)
                    when {{ amount }} <= {{ var('sbv2345_i3_b_max_amount_vnd') }}
                        and {{ amount }} + {{ tksth_before }}
                        <= {{ var('sbv2345_i3_b_max_tksth_vnd') }} then 'B'
                    when {{ amount }} <= {{ var('sbv2345_i3_c_max_amount_vnd') }}
                        and {{ amount }} + {{ total_before }}
                        <= {{ var('sbv2345_i3_c_max_daily_vnd') }} then 'C'
                    else 'D'
                end
        when {{ group_col }} = 'I.4'
            then
                case
                    when {{ amount }} <= {{ var('sbv2345_i4_b_max_amount_vnd') }}
                        and {{ amount }} + {{ total_before }}
                        <= {{ var('sbv2345_i4_b_max_daily_vnd') }} then 'B'
                    else 'C'
                end
        when {{ group_col }} = 'II.2'
            then
                case
                    when {{ amount }} <= {{ var('sbv2345_ii2_b_max_amount_vnd') }}
                        and {{ amount }} + {{ total_before }}
                        <= {{ var('sbv2345_ii2_b_max_daily_vnd') }} then 'B'
                    else 'C'
                end
        when {{ group_col }} = 'II.3'
            then
                case
                    when {{ amount }} <= {{ var('sbv2345_ii3_b_max_amount_vnd') }}
                        and {{ amount }} + {{ total_before }}
                        <= {{ var('sbv2345_ii3_b_max_daily_vnd') }} then 'B'
                    else 'C'
                end
    end
{%- endmacro %}
