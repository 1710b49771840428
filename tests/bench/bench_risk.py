"""Benchmark of the risk layer (issue #7): a script, not a pytest test.

Seeds an L-tier warehouse (100,000 customers, 35 days, about 10M
transactions) unless it exists, then times, on that warehouse:

1. the SBV 2345 classification build (`+fct_transaction_classification`),
   the reference the risk build is held to (at most 1.5x);
2. the full risk build (`+fct_risk_alerts+ +fct_customer_risk_scores+
   +fct_alert_performance+ +fct_model_evaluation+ +fct_score_drift+`,
   upstream included);
3. the risk models alone (`int_risk_transactions+ dim_alert_rules`), with
   the upstream already built.

Prints a table (wall seconds, peak RSS of dbt, rows) and the ratio.

    .venv/bin/python tests/bench/bench_risk.py [--db PATH] [--customers N]
        [--days N] [--work DIR]
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
RISK_SELECT = [
    "+fct_risk_alerts+",
    "+fct_customer_risk_scores+",
    "+fct_alert_performance+",
    "+fct_model_evaluation+",
    "+fct_score_drift+",
]


def run(cmd: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Run a command; (wall seconds, peak RSS of children in MiB so far)."""
    start = time.perf_counter()
    result = subprocess.run(cmd, cwd=REPO, env=env, capture_output=True, text=True)
    wall = time.perf_counter() - start
    if result.returncode != 0:
        sys.stdout.write(result.stdout[-4000:])
        sys.stderr.write(result.stderr[-4000:])
        raise SystemExit(f"failed ({result.returncode}): {' '.join(cmd)}")
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return wall, peak


def dbt(args: list[str], work: Path) -> list[str]:
    return [
        str(BIN / "dbt"),
        *args,
        "--target-path",
        str(work / "target"),
        "--log-path",
        str(work / "logs"),
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", default="/tmp/risk/bench_L.duckdb")
    parser.add_argument("--customers", type=int, default=100_000)
    parser.add_argument("--days", type=int, default=35)
    parser.add_argument("--work", default="/tmp/risk/bench")
    a = parser.parse_args()
    work = Path(a.work)
    work.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "BANK_DUCKDB_PATH": a.db, "DBT_PROFILES_DIR": str(REPO)}

    rows: list[tuple[str, float, float]] = []
    if not Path(a.db).exists():
        seed = [
            sys.executable,
            "-m",
            "seeds_generator",
            "--quiet",
            "--db",
            a.db,
            "--customers",
            str(a.customers),
            "--days",
            str(a.days),
        ]
        rows.append(("seed L tier", *run(seed, env)))

    classification = dbt(
        ["build", "--select", "+fct_transaction_classification", "--exclude", "test_type:unit"],
        work,
    )
    rows.append(
        ("classification build (+fct_transaction_classification)", *run(classification, env))
    )
    risk = dbt(["build", "--select", *RISK_SELECT, "--exclude", "test_type:unit"], work)
    rows.append(("risk build (upstream included)", *run(risk, env)))
    risk_only = dbt(
        [
            "build",
            "--select",
            "int_risk_transactions+",
            "dim_alert_rules",
            "--exclude",
            "test_type:unit",
        ],
        work,
    )
    rows.append(("risk models only (upstream built)", *run(risk_only, env)))

    import duckdb

    con = duckdb.connect(a.db, read_only=True)
    counts = {
        name: con.sql(f"select count(*) from {name}").fetchone()[0]
        for name in (
            "staging.stg_core_banking__payment_transactions",
            "marts.fct_risk_alerts",
            "marts.fct_customer_risk_scores",
        )
    }
    con.close()

    print(f"\n{'step':58} {'wall s':>8} {'peak RSS MiB':>13}")
    for name, wall, peak in rows:
        print(f"{name:58} {wall:8.1f} {peak:13.0f}")
    base = next(w for n, w, _ in rows if n.startswith("classification"))
    full = next(w for n, w, _ in rows if n.startswith("risk build"))
    only = next(w for n, w, _ in rows if n.startswith("risk models"))
    print(f"\nrisk build / classification build: {full / base:.2f} (limit 1.5)")
    print(f"risk models alone / classification build: {only / base:.2f}")
    for name, n in counts.items():
        print(f"{name:58} {n:>12,}")


if __name__ == "__main__":
    main()
