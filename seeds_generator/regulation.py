"""The regulation's amounts the simulated bank uses (docs/sbv2345.md).

The dbt vars of ``dbt_project.yml`` are the one source of these numbers;
the seeder is a separate program that must not need dbt to run, so it
keeps this copy under the same names, and ``tests/python/test_thresholds.py``
fails when the two disagree. Amounts in VND; every bound is inclusive (a
value equal to a bound stays in the lower class).
"""

from __future__ import annotations

VARS: dict[str, int] = {
    # I.2 (individuals' payments): class by G+T
    "sbv2345_i2_a_max_vnd": 5_000_000,
    "sbv2345_i2_b_max_vnd": 100_000_000,
    "sbv2345_i2_c_max_vnd": 1_500_000_000,
    # I.3 (individuals' domestic transfers and e-wallets); the B bounds are
    # also Decision 2345's biometric thresholds
    "sbv2345_i3_b_max_amount_vnd": 10_000_000,
    "sbv2345_i3_b_max_tksth_vnd": 20_000_000,
    "sbv2345_i3_c_max_amount_vnd": 500_000_000,
    "sbv2345_i3_c_max_daily_vnd": 1_500_000_000,
    # I.4 (individuals' international transfers)
    "sbv2345_i4_b_max_amount_vnd": 200_000_000,
    "sbv2345_i4_b_max_daily_vnd": 1_000_000_000,
    # II.2 / II.3 (organisations' domestic / international)
    "sbv2345_ii2_b_max_amount_vnd": 1_000_000_000,
    "sbv2345_ii2_b_max_daily_vnd": 10_000_000_000,
    "sbv2345_ii3_b_max_amount_vnd": 500_000_000,
    "sbv2345_ii3_b_max_daily_vnd": 5_000_000_000,
    # Decision 11/2023/QD-TTg: large-value transaction report, from this amount
    "risk_large_value_report_vnd": 400_000_000,
}

I2_A_MAX = VARS["sbv2345_i2_a_max_vnd"]
I2_B_MAX = VARS["sbv2345_i2_b_max_vnd"]
I2_C_MAX = VARS["sbv2345_i2_c_max_vnd"]
I3_B_MAX_AMOUNT = VARS["sbv2345_i3_b_max_amount_vnd"]  # the biometric trigger
I3_C_MAX_AMOUNT = VARS["sbv2345_i3_c_max_amount_vnd"]
I4_B_MAX_AMOUNT = VARS["sbv2345_i4_b_max_amount_vnd"]
II2_B_MAX_AMOUNT = VARS["sbv2345_ii2_b_max_amount_vnd"]
II3_B_MAX_AMOUNT = VARS["sbv2345_ii3_b_max_amount_vnd"]
LARGE_VALUE_REPORT = VARS["risk_large_value_report_vnd"]
