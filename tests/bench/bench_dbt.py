"""dbt build benchmark on the L tier (issue #6): full and one-day incremental.

Seeds an L-tier warehouse (100k customers x 35 days, about 10M transactions)
into a temporary folder, times a full `dbt build` of the whole project
(models, snapshots and tests), appends one day with the seeder and times an
incremental `dbt build`. Prints row counts, both times and whether the
targets hold: full <= 180 s, one-day incremental <= 10 % of the full build.
Run from the repository root: `.venv/bin/python tests/bench/bench_dbt.py`.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import duckdb

REPO = Path(__file__).resolve().parents[2]
FULL_TARGET_S, INCREMENTAL_SHARE = 180.0, 0.10
COUNTS = {
    "raw transactions": "select count(*) from raw.payment_transactions",
    "raw auth logs": "select count(*) from raw.authentication_logs",
    "classified": "select count(*) from marts.fct_transaction_classification",
    "account-days": "select count(*) from marts.fct_daily_account_summary",
    "customer-days": "select count(*) from marts.fct_daily_customer_summary",
    "bank days": "select count(*) from marts.fct_daily_bank_kpis",
}


def run(cmd: list[str], env: dict) -> float:
    started = time.perf_counter()
    result = subprocess.run(cmd, cwd=REPO, env=env, capture_output=True, text=True)
    elapsed = time.perf_counter() - started
    if result.returncode != 0:
        print(result.stdout[-6000:], result.stderr[-2000:], file=sys.stderr)
        print(f"warning: {' '.join(cmd[:3])} exited {result.returncode}", file=sys.stderr)
    return elapsed


def counts(db: Path) -> dict[str, int | None]:
    con = duckdb.connect(str(db), read_only=True)
    out: dict[str, int | None] = {}
    for label, sql in COUNTS.items():
        try:
            out[label] = con.execute(sql).fetchone()[0]
        except duckdb.Error:
            out[label] = None
    con.close()
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--customers", type=int, default=100_000)
    parser.add_argument("--days", type=int, default=35)
    parser.add_argument("--workdir", help="keep the warehouse here instead of a temp dir")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bank-dbt-bench-") as tmp:
        work = Path(args.workdir or tmp)
        work.mkdir(parents=True, exist_ok=True)
        db = work / "bench.duckdb"
        env = {**os.environ, "BANK_DUCKDB_PATH": str(db), "DBT_PROFILES_DIR": str(REPO)}
        dbt = [str(REPO / ".venv" / "bin" / "dbt")]
        paths = ["--target-path", str(work / "target"), "--log-path", str(work / "logs")]
        print(f"seeding {args.customers:,} customers x {args.days} days ...", file=sys.stderr)
        seed_s = run(
            [
                sys.executable,
                "-m",
                "seeds_generator",
                "--quiet",
                "--db",
                str(db),
                "--customers",
                str(args.customers),
                "--days",
                str(args.days),
            ],
            env,
        )
        print("full dbt build ...", file=sys.stderr, flush=True)
        full_s = run([*dbt, "build", *paths], env)
        full_counts = counts(db)
        print("append one day + incremental dbt build ...", file=sys.stderr, flush=True)
        append_s = run(
            [
                sys.executable,
                "-m",
                "seeds_generator",
                "--quiet",
                "--db",
                str(db),
                "--append-days",
                "1",
            ],
            env,
        )
        incr_s = run([*dbt, "build", *paths], env)
        incr_counts = counts(db)

    print("\ndbt build benchmark (L tier, 2-core target)\n")
    print(f"{'table':<18}{'after full':>14}{'after +1 day':>14}")
    for label in COUNTS:
        a, b = full_counts[label], incr_counts[label]
        print(
            f"{label:<18}{(a if a is not None else '-'):>14,}{(b if b is not None else '-'):>14,}"
            if a is not None and b is not None
            else f"{label:<18}{str(a):>14}{str(b):>14}"
        )
    share = incr_s / full_s if full_s else float("inf")
    print(f"\nseed {seed_s:.1f} s, append {append_s:.1f} s")
    print(
        f"full build        {full_s:8.1f} s   target <= {FULL_TARGET_S:.0f} s   "
        f"{'OK' if full_s <= FULL_TARGET_S else 'MISSED'}"
    )
    print(
        f"incremental build {incr_s:8.1f} s   {share:.1%} of full, target <= "
        f"{INCREMENTAL_SHARE:.0%}   {'OK' if share <= INCREMENTAL_SHARE else 'MISSED'}"
    )
    return 0 if full_s <= FULL_TARGET_S and share <= INCREMENTAL_SHARE else 1


if __name__ == "__main__":
    raise SystemExit(main())
