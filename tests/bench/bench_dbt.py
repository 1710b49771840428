"""dbt build benchmark on the L tier (issues #6 and #7): a script, not a test.

Seeds an L-tier warehouse (100,000 customers x 35 days, about 10M
transactions), then times on copies of it:

1. the compliance build, `dbt build --selector compliance` (everything but
   the risk layer: quarantine, snapshots, SBV 2345 classification, daily
   summaries, core and quality marts, their data and unit tests), from
   scratch; target <= 180 s. Identical full builds have ranged from 145 s
   to 181 s on the same shared machine within the hour: it too is timed
   REPEATS times, each on its own copy of the seeded warehouse, and the
   table shows the median (the base of every share below) and the range;
2. one more day appended by the seeder, then the nightly job's build of the
   same selection (`make daily`: unit tests left to CI, data tests on the
   latest load, var test_scope), incremental; target <= 10 % of (1). For
   comparison, on copies with the same day appended: the plain `dbt build`
   (every data test reading every row, as CI runs them) and `dbt run`
   (models only). The nightly build and `dbt run` take some 20 s, and
   identical runs of them have differed by a third on a shared machine:
   each is timed REPEATS times, each time on its own copy with the day
   appended, interleaved, and the table shows the median and the range.
   The nightly build once more with no new data shows its fixed cost;
3. the whole project, `dbt build` (risk layer included), from scratch, with
   DuckDB's default memory_limit (80 % of RAM); target <= 1.5 x (1). Then,
   side by side, the same build with BANK_DUCKDB_MEMORY_LIMIT=4GB
   (profiles.yml: DuckDB spills what does not fit to <warehouse>.tmp);
   target peak RSS of the dbt process <= 5 GiB. And the nightly build
   (default memory_limit) after one more day;
4. the publish step (`bank-publish`, write-audit-publish to the analyst
   database) after the full project build (the first version: every mart
   written; target <= 10 % of that build), again with nothing changed (a
   full rebuild of the same data: fingerprints and the file copy only) and
   after the nightly build (only
   the changed days of the day-partitioned marts rewritten; shown as a share
   of the nightly build, with the rows it wrote).

`--skip-compliance` leaves out (1) and (2) (its shares are then of the
project build) for a quicker look at (3) and (4).

Every target folder is parsed before it is timed: a nightly job keeps its
partial parse between runs. Prints a table (wall seconds, peak RSS of the
dbt process, target) and the row counts, and exits 1 when a target is
missed. Run from the repository root: `.venv/bin/python
tests/bench/bench_dbt.py [--customers N --days N]`.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import duckdb

REPO = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
FULL_TARGET_S, INCREMENTAL_SHARE, PROJECT_FACTOR = 180.0, 0.10, 1.5
# the memory-bounded build: DuckDB's memory_limit (profiles.yml) and the
# most the whole dbt process may hold with it (buffer pool, dbt, Python)
MEMORY_LIMIT, PEAK_RSS_TARGET_GIB = "4GB", 5.0
PUBLISH_SHARE = 0.10  # of the full build
REPEATS = 3
# the nightly job's build flags (Makefile DAILY_FLAGS)
DAILY = ("--exclude-resource-type", "unit_test", "--vars", "{test_scope: latest_load}")
COUNTS = {
    "raw transactions": "select count(*) from raw.payment_transactions",
    "raw authentication logs": "select count(*) from raw.authentication_logs",
    "classified transactions": "select count(*) from marts.fct_transaction_classification",
    "account-days": "select count(*) from marts.fct_daily_account_summary",
    "customer-days": "select count(*) from marts.fct_daily_customer_summary",
    "bank days": "select count(*) from marts.fct_daily_bank_kpis",
    "risk alerts": "select count(*) from marts.fct_risk_alerts",
    "scored customer-days": "select count(*) from marts.fct_customer_risk_scores",
    "risk model versions": "select count(*) from marts.dim_risk_models",
    "score log rows (champion + challenger)": "select count(*) from marts.fct_risk_score_log",
    "cases": "select count(*) from marts.fct_cases",
}


@dataclass
class Step:
    name: str
    wall_s: float
    peak_mib: float
    target: str = ""
    ok: bool | None = None


def median_step(name: str, runs: list[tuple[float, float]]) -> Step:
    """One table row for repeated runs: median wall time, largest peak RSS."""
    walls = sorted(wall for wall, _ in runs)
    step = Step(name, walls[len(walls) // 2], max(peak for _, peak in runs))
    step.target = f"median of {len(walls)}, {walls[0]:.1f}-{walls[-1]:.1f} s"
    return step


def run(cmd: list[str], db: Path, memory_limit: str = "") -> tuple[float, float]:
    """Run a command on warehouse `db`: (wall seconds, peak RSS in MiB).
    `memory_limit`: DuckDB's (BANK_DUCKDB_MEMORY_LIMIT); empty, its default."""
    env = {
        **os.environ,
        "BANK_DUCKDB_PATH": str(db),
        "DBT_PROFILES_DIR": str(REPO),
        "BANK_DUCKDB_MEMORY_LIMIT": memory_limit,
    }
    # the benchmark's own set-up (copies of multi-GB warehouses) must not be
    # written back to disk during the step it times
    os.sync()
    started = time.perf_counter()
    with tempfile.TemporaryFile() as out:
        process = subprocess.Popen(cmd, cwd=REPO, env=env, stdout=out, stderr=subprocess.STDOUT)
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - started
        code = os.waitstatus_to_exitcode(status)
        if code != 0:
            out.seek(0)
            sys.stderr.write(out.read().decode(errors="replace")[-6000:])
            raise SystemExit(f"failed ({code}): {' '.join(cmd)}")
    return wall, usage.ru_maxrss / 1024


def seed(db: Path, *args: str) -> tuple[float, float]:
    return run([sys.executable, "-m", "seeds_generator", "--quiet", "--db", str(db), *args], db)


def dbt(work: Path, db: Path, *args: str, memory_limit: str = "") -> tuple[float, float]:
    # one target folder per warehouse and flags, parsed first (vars are part
    # of the parse, and the profile's memory_limit too): the timed command
    # finds its partial parse, as on a machine running the same job every day
    parse_flags = [arg for arg in args if arg == "--vars" or arg.startswith("{")]
    target = work / f"target_{db.stem}{'_daily' if parse_flags else ''}"
    paths = ["--target-path", str(target), "--log-path", str(work / "logs")]
    if not (target / "partial_parse.msgpack").exists():
        run([str(BIN / "dbt"), "parse", *parse_flags, *paths], db, memory_limit)
    return run([str(BIN / "dbt"), *args, *paths], db, memory_limit)


def publish(work: Path, db: Path, analytics: Path) -> tuple[float, float]:
    """`bank-publish` of warehouse `db` (after its build in `work`) to `analytics`."""
    manifest = work / f"target_{db.stem}" / "manifest.json"
    return run(
        [str(BIN / "bank-publish"), "--db", str(db), "--analytics", str(analytics),
         "--manifest", str(manifest)],
        db,
    )  # fmt: skip


def published(analytics: Path) -> tuple[int, int, list[str]]:
    """Rows written by the latest publish, rows published, marts updated by day."""
    con = duckdb.connect(str(analytics), read_only=True)
    try:
        written, updated = con.execute(
            "select rows_written, updated from publication.versions order by version desc limit 1"
        ).fetchone()
        (total,) = con.execute("select sum(row_count) from publication.relations").fetchone()
    finally:
        con.close()
    return int(written), int(total), list(updated)


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
    parser.add_argument(
        "--workdir",
        help="keep the seeded, compliance and project warehouses here instead of a temp dir",
    )
    parser.add_argument(
        "--skip-compliance",
        action="store_true",
        help="time only the whole project (3) and the publish step (4)",
    )
    args = parser.parse_args()
    steps: list[Step] = []
    with tempfile.TemporaryDirectory(prefix="bank-dbt-bench-") as tmp:
        work = Path(args.workdir or tmp)
        work.mkdir(parents=True, exist_ok=True)
        seeded, compliance, project = (
            work / f"{name}.duckdb" for name in ("seeded", "compliance", "project")
        )
        print(f"seeding {args.customers:,} customers x {args.days} days ...", file=sys.stderr)
        seeded.unlink(missing_ok=True)
        steps.append(
            Step(
                "seed",
                *seed(seeded, "--customers", str(args.customers), "--days", str(args.days)),
            )
        )

        compliance_counts: dict[str, int | None] = dict.fromkeys(COUNTS)
        full = None
        if not args.skip_compliance:
            print("compliance build, full ...", file=sys.stderr, flush=True)
            # the first build is kept for the steps below; the others run on
            # their own copies of the seeded warehouse, dropped when timed
            full_runs: list[tuple[float, float]] = []
            for i in range(REPEATS):
                fresh = compliance if i == 0 else work / f"full_{i}.duckdb"
                shutil.copy(seeded, fresh)
                full_runs.append(dbt(work, fresh, "build", "--selector", "compliance"))
                if fresh != compliance:
                    fresh.unlink()
            full = median_step("compliance build (full)", full_runs)
            full.target = f"<= {FULL_TARGET_S:.0f} s; {full.target}"
            full.ok = full.wall_s <= FULL_TARGET_S
            steps.append(full)

            print("append one day, nightly build, build and run, incremental ...", file=sys.stderr)
            # every timed step after one more day runs on its own copy of the
            # full build with that day appended, dropped when timed (gigabytes
            # of page cache the next steps would otherwise have to reclaim);
            # compliance.duckdb itself is the first nightly build's (its rows are
            # counted below), built.duckdb keeps the full build for the copies
            built = work / "built.duckdb"
            shutil.copy(compliance, built)
            steps.append(Step("append one day", *seed(compliance, "--append-days", "1")))

            def on_appended_copy(name: str, *args: str) -> tuple[float, float]:
                copy = work / f"{name}.duckdb"
                shutil.copy(built, copy)
                seed(copy, "--append-days", "1")
                timed = dbt(work, copy, *args)
                copy.unlink()
                return timed

            nightly = ("build", "--selector", "compliance", *DAILY)
            nightly_runs: list[tuple[float, float]] = []
            run_only_runs: list[tuple[float, float]] = []
            for i in range(REPEATS):
                nightly_runs.append(
                    dbt(work, compliance, *nightly)
                    if i == 0
                    else on_appended_copy(f"nightly_{i}", *nightly)
                )
                run_only_runs.append(
                    on_appended_copy(f"run_only_{i}", "run", "--selector", "compliance")
                )
            incremental = median_step("compliance nightly build (+1 day, make daily)", nightly_runs)
            share = incremental.wall_s / full.wall_s
            incremental.target = (
                f"{share:.1%} of full, <= {INCREMENTAL_SHARE:.0%}; {incremental.target}"
            )
            incremental.ok = share <= INCREMENTAL_SHARE
            steps.append(incremental)
            # the same job once more with nothing new: what any nightly build
            # of this selection costs (dbt starting, ~290 nodes, the checkpoint)
            idle = Step(
                "compliance nightly build again (nothing new)", *dbt(work, compliance, *nightly)
            )
            idle.target = f"{idle.wall_s / full.wall_s:.1%} of full"
            steps.append(idle)
            every_row = Step(
                "compliance build (+1 day, every test on every row)",
                *on_appended_copy("tested", "build", "--selector", "compliance"),
            )
            every_row.target = f"{every_row.wall_s / full.wall_s:.1%} of full"
            steps.append(every_row)
            models_only = median_step("compliance run (+1 day, models only)", run_only_runs)
            models_only.target = (
                f"{models_only.wall_s / full.wall_s:.1%} of full; {models_only.target}"
            )
            steps.append(models_only)
            compliance_counts = counts(compliance)
            built.unlink()

        print("whole project build, full, then +1 day ...", file=sys.stderr, flush=True)
        shutil.copy(seeded, project)
        whole = Step("project build (full, risk layer included)", *dbt(work, project, "build"))
        if full is not None:
            factor = whole.wall_s / full.wall_s
            whole.target = f"{factor:.2f} x compliance, <= {PROJECT_FACTOR}; default memory_limit"
            whole.ok = factor <= PROJECT_FACTOR
        else:
            whole.target = "default memory_limit"
        steps.append(whole)
        # write-audit-publish: the first version of the analyst database
        print("publish after the full build ...", file=sys.stderr, flush=True)
        analytics = work / "analytics.duckdb"
        analytics.unlink(missing_ok=True)
        first = Step("publish after the full project build", *publish(work, project, analytics))
        written, total, _ = published(analytics)
        share = first.wall_s / whole.wall_s
        first.target = (
            f"{share:.1%} of the full build, <= {PUBLISH_SHARE:.0%}; "
            f"first version, {written:,} of {total:,} rows written"
        )
        first.ok = share <= PUBLISH_SHARE
        steps.append(first)
        # what a full rebuild costs to publish once a version exists and
        # its marts come out the same: the fingerprints and the file copy
        same = Step("publish again, nothing changed", *publish(work, project, analytics))
        same.target = f"{same.wall_s / whole.wall_s:.1%} of the full build"
        steps.append(same)
        # the same build on its own copy, DuckDB held to MEMORY_LIMIT (it
        # spills to <warehouse>.tmp, which DuckDB removes when dbt closes
        # the file), dropped when timed
        print(f"whole project build, full, memory_limit {MEMORY_LIMIT} ...", file=sys.stderr)
        bounded = work / "project_bounded.duckdb"
        shutil.copy(seeded, bounded)
        limited = Step(
            f"project build (full, memory_limit {MEMORY_LIMIT})",
            *dbt(work, bounded, "build", memory_limit=MEMORY_LIMIT),
        )
        bounded.unlink()
        peak_gib = limited.peak_mib / 1024
        limited.target = (
            f"peak RSS {peak_gib:.2f} GiB, <= {PEAK_RSS_TARGET_GIB:.0f} GiB; "
            f"{limited.wall_s / whole.wall_s:.2f} x default memory_limit"
        )
        limited.ok = peak_gib <= PEAK_RSS_TARGET_GIB
        steps.append(limited)
        seed(project, "--append-days", "1")
        nightly_build = Step(
            "project nightly build (+1 day, make daily)", *dbt(work, project, "build", *DAILY)
        )
        steps.append(nightly_build)
        print("publish after the nightly build ...", file=sys.stderr, flush=True)
        again = Step("publish after the project nightly build", *publish(work, project, analytics))
        written, total, updated = published(analytics)
        again.target = (
            f"{again.wall_s / nightly_build.wall_s:.1%} of the nightly build, "
            f"{again.wall_s / whole.wall_s:.1%} of the full; {written:,} of {total:,} rows "
            f"written ({len(updated)} marts by changed day)"
        )
        steps.append(again)
        project_counts = counts(project)

    size = f"{args.customers:,} customers x {args.days} days"
    print(f"\ndbt benchmark: {size}, {os.cpu_count()} cores\n")
    print(f"{'step':52} {'wall s':>8} {'peak RSS MiB':>13}  target")
    for step in steps:
        verdict = "" if step.ok is None else ("  OK" if step.ok else "  MISSED")
        print(f"{step.name:52} {step.wall_s:8.1f} {step.peak_mib:13.0f}  {step.target}{verdict}")
    print(f"\n{'rows':28}{'compliance +1 day':>20}{'project +1 day':>18}")
    for label in COUNTS:
        a, b = compliance_counts[label], project_counts[label]
        print(f"{label:28}{'-' if a is None else f'{a:,}':>20}{'-' if b is None else f'{b:,}':>18}")
    return 0 if all(step.ok is not False for step in steps) else 1


if __name__ == "__main__":
    raise SystemExit(main())
