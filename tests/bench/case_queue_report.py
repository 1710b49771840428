"""The alert queues and the investigation case queue on every built-in
scenario (docs/cases.md): a script, not a test.

For each scenario at its own default size and seed, seeds a warehouse in a
temporary folder, builds the risk layer's queues (seeds, snapshots and
models, no tests), and prints
per scenario: alerts per 1,000 customers a day before the queues (every
rule, as one undifferentiated queue) and after (the fraud queue), the
compliance exceptions, new cases per 1,000 customers a day, worked-case
precision and the backlog at the configured capacity, the share of each
typology's labelled cases caught within the window, and the value caught
and missed at each evaluated capacity; then whether each target of
docs/cases.md is met. Run from the repository root:
`.venv/bin/python tests/bench/case_queue_report.py [--scenarios a b]`.
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

SELECT = [
    "+fct_case_performance",
    "+fct_case_queue_daily",
    "+fct_risk_alerts",
    "+fct_compliance_exceptions",
]
NEW_CASES_MAX, TARGETED_MIN, LONE_MIN = 5.0, 0.90, 0.50


def build(scenario: str, folder: Path) -> Path:
    db = folder / f"{scenario}.duckdb"
    env = {
        **os.environ,
        "BANK_DUCKDB_PATH": str(db),
        "DBT_PROFILES_DIR": str(REPO),
        "DBT_SEND_ANONYMOUS_USAGE_STATS": "false",
    }
    steps = [
        [str(BIN / "bank-seed"), "--quiet", "--scenario", scenario],
        [
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
        ],
    ]
    for argv in steps:
        result = subprocess.run(argv, cwd=REPO, env=env, capture_output=True, text=True)
        if result.returncode != 0:
            sys.exit(
                f"{scenario}: {' '.join(argv[:2])} failed\n{result.stdout[-3000:]}{result.stderr}"
            )
    return db


def figures(db: Path) -> dict:
    con = duckdb.connect(str(db), read_only=True)
    one = lambda sql: con.execute(sql).fetchone()  # noqa: E731
    try:
        (customers,) = one("select count(*) from staging.stg_core_banking__customers")
        (days,) = one(
            "select count(distinct transaction_date) from intermediate.int_risk_transactions"
        )
        per = 1000.0 / customers / days
        (all_alerts,) = one("select count(*) from intermediate.int_risk_alerts")
        (fraud_alerts,) = one("select count(*) from marts.fct_risk_alerts")
        exception_days, exceptions = one(
            "select (select count(*) from marts.fct_compliance_exception_days), "
            "(select count(*) from marts.fct_compliance_exceptions)"
        )
        new_cases, backlog_max, age_max = one(
            "select sum(new_cases), max(backlog_cases), max(backlog_max_age_days) "
            "from marts.fct_case_queue_daily"
        )
        capacity = con.execute(
            "select distinct capacity_per_1000_customers from marts.fct_case_performance order by 1"
        ).fetchall()
        rows = con.execute(
            """
            select strategy, capacity_per_1000_customers, typology,
                   is_rule_targeted_typology, fraud_cases, caught_cases,
                   fraud_vnd_caught, fraud_vnd_missed, worked_precision
            from marts.fct_case_performance order by 1, 2, 3
            """
        ).fetchall()
    finally:
        con.close()
    return {
        "customers": customers,
        "days": days,
        "alerts_before": all_alerts * per,
        "alerts_after": fraud_alerts * per,
        "exception_days_per_day": exception_days / days,
        "exceptions_per_day": exceptions / days,
        "new_cases": (new_cases or 0) * per,
        "backlog_max": backlog_max,
        "age_max": age_max,
        "capacities": [c for (c,) in capacity],
        "performance": rows,
    }


def report(scenario: str, f: dict) -> list[str]:
    lines = [
        f"\n## {scenario}: {f['customers']:,} customers, {f['days']} days",
        f"alerts per 1,000 customers a day: {f['alerts_before']:.2f} before (every rule), "
        f"{f['alerts_after']:.2f} after (fraud queue)",
        f"compliance: {f['exception_days_per_day']:.1f} exception-days a day, "
        f"{f['exceptions_per_day']:.1f} new exceptions a day",
        f"new cases per 1,000 customers a day: {f['new_cases']:.2f}; "
        f"backlog at most {f['backlog_max']} cases, oldest {f['age_max']} days",
        "",
        f"{'strategy':<17} {'cap/1000':>8} {'caught':>8} {'targeted':>9} {'lone':>7} "
        f"{'VND caught':>16} {'VND missed':>16} {'precision':>9}",
    ]
    misses = []
    for strategy in ("case_queue", "risk_score_top_k", "rules_top_k"):
        for capacity in f["capacities"]:
            mine = [r for r in f["performance"] if r[0] == strategy and r[1] == capacity]
            total = next(r for r in mine if r[2] == "all")
            targeted = [r for r in mine if r[3]]
            lone = [r for r in mine if r[2] == "lone_fraud"]

            def share(group):
                cases = sum(r[4] for r in group)
                return (sum(r[5] for r in group) / cases) if cases else None

            fmt = lambda v: "-" if v is None else f"{v:.0%}"  # noqa: E731
            lines.append(
                f"{strategy:<17} {capacity:>8g} {fmt(share([total])):>8} "
                f"{fmt(share(targeted)):>9} {fmt(share(lone)):>7} "
                f"{float(total[6]):>16,.0f} {float(total[7]):>16,.0f} "
                f"{fmt(total[8]):>9}"
            )
            if strategy == "case_queue" and capacity == 3:
                if share(targeted) is not None and share(targeted) < TARGETED_MIN:
                    misses.append(f"rule-targeted typologies caught {share(targeted):.0%}")
                if share(lone) is not None and share(lone) < LONE_MIN:
                    misses.append(f"lone frauds caught {share(lone):.0%}")
    lines.append("")
    for r in f["performance"]:
        if r[0] == "case_queue" and r[1] == 3 and r[2] != "all":
            lines.append(f"  capacity 3, {r[2]}: {r[5]} of {r[4]} labelled cases caught")
    if f["new_cases"] > NEW_CASES_MAX:
        misses.append(f"new cases {f['new_cases']:.2f} per 1,000 customers a day")
    lines.append("targets: " + ("all met" if not misses else "missed: " + "; ".join(misses)))
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scenarios", nargs="*", default=None)
    args = parser.parse_args()
    scenarios = args.scenarios or sorted(builtin_scenarios())
    with tempfile.TemporaryDirectory(prefix="case-report-") as tmp:
        for scenario in scenarios:
            folder = Path(tmp) / scenario
            folder.mkdir()
            print("\n".join(report(scenario, figures(build(scenario, folder)))), flush=True)


if __name__ == "__main__":
    main()
