"""The bank's risk model on every built-in scenario (docs/risk-model.md): a
script, not a test.

For each scenario at its own size and seed, seeds 28 days in a temporary
folder, builds the risk model's models (no tests) and publishes, then
runs three weekly loads (7 days
appended, built and published each), so the simulated investigators decide
the published cases and the model retrains on what the bank learnt. Prints
per scenario: the labels the bank received (dispositions, complaints), the
training calendar with each champion and its promotion rule, and the
comparison against the ground truth on the same held-out days: AUC,
average precision and CP@k of the champion and the challenger (trained on
known labels) beside the reference trained on perfect labels; then the
calibration (Brier score) and the fairness (disparity ratios by gender,
age band and province) of the champion and the reference. Run from the
repository root: `.venv/bin/python tests/bench/model_report.py [--scenarios a b]`.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import duckdb

REPO = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
sys.path.insert(0, str(REPO))
from seeds_generator.config import builtin_scenarios  # noqa: E402

FIRST_DAYS, WEEKS = 28, 3
SELECT = ["+fct_risk_model_comparison", "+dim_risk_models", "+fct_cases"]


def run(scenario: str, argv: list[str], env: dict) -> None:
    result = subprocess.run(argv, cwd=REPO, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        sys.exit(f"{scenario}: {' '.join(argv[:3])} failed\n{result.stdout[-3000:]}{result.stderr}")


def build(scenario: str, folder: Path) -> Path:
    db = folder / "bank.duckdb"
    env = {
        **os.environ,
        "BANK_DUCKDB_PATH": str(db),
        "BANK_ANALYTICS_PATH": str(folder / "analytics.duckdb"),
        "DBT_PROFILES_DIR": str(REPO),
        "DBT_SEND_ANONYMOUS_USAGE_STATS": "false",
    }
    dbt_build = [
        str(BIN / "bank-publish"),
        "--",
        str(BIN / "dbt"),
        "build",
        "--select",
        *SELECT,
        "--exclude-resource-type",
        "test",
        "unit_test",
        "--target-path",
        str(folder / "target"),
        "--log-path",
        str(folder / "logs"),
    ]
    run(
        scenario,
        [str(BIN / "bank-seed"), "--quiet", "--scenario", scenario, "--days", str(FIRST_DAYS)],
        env,
    )
    run(scenario, dbt_build, env)
    for _ in range(WEEKS):
        run(scenario, [str(BIN / "bank-seed"), "--quiet", "--append-days", "7"], env)
        run(scenario, dbt_build, env)
    return db


def report(scenario: str, db: Path) -> list[str]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        labels = con.execute(
            "select label_source, count(distinct label_id), "
            "count(*) filter (where is_fraud) from intermediate.int_risk_label_events "
            "group by 1 order by 1"
        ).fetchall()
        calendar = con.execute(
            "select trained_through, model_name, known_label_count, train_positive_count, "
            "validation_average_precision, promotion_reason from marts.dim_risk_models "
            "where is_champion order by trained_through"
        ).fetchall()
        comparison = con.execute(
            "select model_role, trained_on, test_start_date, test_end_date, test_day_count, "
            "test_positive_count, auc, average_precision, cp_k, cp_at_k "
            "from marts.fct_risk_model_comparison order by model_role"
        ).fetchall()
        brier = con.execute(
            "select period, any_value(period_brier_score), any_value(period_fraud_rate), "
            "sum(customer_day_count) from marts.fct_model_calibration "
            "where period in ('champion', 'held_out') group by 1 order by 1"
        ).fetchall()
        fairness = con.execute(
            "select scored_by, dimension, min(disparity_ratio), max(disparity_ratio), "
            "arg_max(slice, disparity_ratio), max(fraud_rate_ratio) "
            "from marts.fct_model_fairness where dimension in ('gender', 'age_band', 'province') "
            "and customer_day_count >= 100 group by all order by 1 desc, 2"
        ).fetchall()
    finally:
        con.close()
    lines = [f"\n## {scenario}: {FIRST_DAYS} days, then {WEEKS} weekly loads"]
    for source, count, fraud in labels:
        lines.append(f"labels: {count:,} {source}s, {fraud:,} fraudulent customer-days")
    lines.append("")
    lines.append(
        f"{'trained through':<16} {'champion':<24} {'known':>6} {'train +':>8} {'val AP':>7}  rule"
    )
    for day, name, known, positives, ap, reason in calendar:
        ap_text = "-" if ap is None else f"{ap:.3f}"
        lines.append(f"{day!s:<16} {name:<24} {known:>6} {positives:>8} {ap_text:>7}  {reason}")
    lines.append("")
    if comparison:
        first = comparison[0]
        lines.append(
            f"held-out days {first[2]} to {first[3]} ({first[4]} days, "
            f"{first[5]} fraudulent customer-days), k = {first[8]}"
        )
    lines.append(f"{'model':<24} {'trained on':<14} {'AUC':>6} {'AP':>6} {'CP@k':>6}")
    for role, trained_on, *_, auc, ap, _k, cp in comparison:
        fmt = lambda v: "-" if v is None else f"{v:.3f}"  # noqa: E731
        lines.append(f"{role:<24} {trained_on:<14} {fmt(auc):>6} {fmt(ap):>6} {fmt(cp):>6}")
    lines.append("")
    lines.append("calibration against the ground truth (Brier score; fraud rate):")
    for period, score, rate, days in brier:
        who = "champion, served days" if period == "champion" else "reference, held-out days"
        lines.append(
            f"  {who:<26} Brier {score:.5f}  fraud rate {rate:.4%}  ({days:,} customer-days)"
        )
    lines.append("fairness, flagged = the day's top k (slices of 100+ customer-days):")
    lines.append(
        f"  {'score':<10} {'slice by':<10} {'disparity min':>13} {'max':>6}  "
        f"{'(slice)':<12} {'max fraud-rate ratio':>20}"
    )
    for scored_by, dimension, low, high, where, fraud_high in fairness:
        lines.append(
            f"  {scored_by:<10} {dimension:<10} {low:>13.2f} {high:>6.2f}  "
            f"{where:<12} {fraud_high:>20.2f}"
        )
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scenarios", nargs="*", default=None)
    args = parser.parse_args()
    scenarios = args.scenarios or sorted(builtin_scenarios())
    with tempfile.TemporaryDirectory(prefix="model-report-") as tmp:
        for scenario in scenarios:
            folder = Path(tmp) / scenario
            folder.mkdir()
            print("\n".join(report(scenario, build(scenario, folder))), flush=True)


if __name__ == "__main__":
    main()
