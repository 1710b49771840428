"""Apache Spark beside DuckDB (issue 30): a benchmark script, not a test.

For each tier (``--tiers``; ``20k``: 20,000 customers x 35 days, about 2M
transactions; ``L``: 100,000 x 35, about 10M, as in bench_dbt.py):

1. ``bank-seed`` the tier once into a work folder, then ``bank-lake``: its
   raw schema as the Parquet lake Spark reads (timed: the export is part of
   the Spark path's cost);
2. DuckDB: ``dbt build --selector spark_compliance`` from scratch, on the
   seeded warehouse;
3. Spark, ``local[N]`` (``--cores``, default 2, with ``--spark-memory`` of
   driver memory): the same ``dbt build --selector spark_compliance
   --target spark`` from the lake, into a fresh Spark folder.

Selector ``spark_compliance`` is the compliance selection as far as it
builds on Spark (selectors.yml): quarantine, snapshots and history, the SBV
2345 classification, the daily summaries, the core and two quality marts,
with their data tests; the unit tests are left out on both engines (their
fixtures are written in DuckDB's SQL, and `make test` runs them).

Measured per build: wall time, and the peak resident memory of the whole
process tree (dbt and, on Spark, the JVM that pyspark starts), sampled from
/proc every ``SAMPLE_S`` seconds: ``ru_maxrss`` of the dbt process alone
would miss the JVM. Then where the time goes: the slowest models and
snapshots on Spark with the same node's time on DuckDB (dbt's
run_results.json), and the time of the data tests.

There is no target to meet: Spark on two local cores is expected to be
slower than DuckDB, and the table says by how much. Run from the repository
root: ``.venv/bin/python tests/bench/bench_spark.py [--tiers 20k,L]``.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

REPO = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
TIERS = {"20k": (20_000, 35), "L": (100_000, 35)}
SELECTOR = "spark_compliance"
SAMPLE_S = 0.2
SLOWEST = 12
COUNTS = {
    "raw transactions": "select count(*) from raw.payment_transactions",
    "classified transactions": "select count(*) from marts.fct_transaction_classification",
    "account-days": "select count(*) from marts.fct_daily_account_summary",
    "customer-days": "select count(*) from marts.fct_daily_customer_summary",
}


@dataclass
class Build:
    wall_s: float
    peak_mib: float
    nodes: dict[str, float] = field(default_factory=dict)  # model/snapshot -> seconds
    tests_s: float = 0.0
    tests: int = 0
    stopped_in: str = ""  # the node running when the time limit stopped it


def _children() -> dict[int, list[int]]:
    tree: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat") as stat:
                # the command name (2nd field) may hold spaces: split after it
                ppid = int(stat.read().rsplit(")", 1)[1].split()[1])
        except (OSError, IndexError, ValueError):
            continue
        tree.setdefault(ppid, []).append(int(entry.name))
    return tree


def _rss_kib(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/status") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def tree_rss_mib(root: int) -> float:
    """Resident memory of `root` and all its descendants, MiB."""
    tree, total, todo = _children(), 0, [root]
    while todo:
        pid = todo.pop()
        total += _rss_kib(pid)
        todo.extend(tree.get(pid, []))
    return total / 1024


class TimedOut(Exception):
    """The command ran past its time limit and was stopped."""

    def __init__(self, wall_s: float, peak_mib: float):
        super().__init__(f"stopped after {wall_s:.0f} s")
        self.wall_s, self.peak_mib = wall_s, peak_mib


def run(cmd: list[str], env: dict[str, str], limit_s: float = 0) -> tuple[float, float]:
    """Run `cmd` from the repository root: (wall seconds, peak RSS of its
    process tree in MiB). Exits with its output's tail when it fails;
    raises TimedOut when it runs past `limit_s` (0: no limit), after
    stopping it and everything it started."""
    os.sync()
    started = time.perf_counter()
    with tempfile.TemporaryFile() as out:
        process = subprocess.Popen(
            cmd,
            cwd=REPO,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group, to stop it whole
        )
        peak = 0.0
        done = threading.Event()

        def sample() -> None:
            nonlocal peak
            while not done.wait(SAMPLE_S):
                peak = max(peak, tree_rss_mib(process.pid))

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        try:
            code = process.wait(timeout=limit_s or None)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
            code = None
        finally:
            done.set()
            sampler.join()
        wall = time.perf_counter() - started
        if code is None:
            raise TimedOut(wall, peak)
        if code != 0:
            out.seek(0)
            sys.stderr.write(out.read().decode(errors="replace")[-6000:])
            raise SystemExit(f"failed ({code}): {' '.join(cmd)}")
    return wall, peak


def node_times(target: Path) -> tuple[dict[str, float], float, int]:
    """Seconds per model and snapshot, and the data tests' total and count,
    from a build's run_results.json."""
    results = json.loads((target / "run_results.json").read_text())["results"]
    nodes, tests_s, tests = {}, 0.0, 0
    for result in results:
        kind, _, name = result["unique_id"].split(".", 2)
        if kind in ("model", "snapshot"):
            nodes[name.split(".")[-1]] = result["execution_time"]
        elif kind == "test":
            tests_s += result["execution_time"]
            tests += 1
    return nodes, tests_s, tests


STATUS = re.compile(r"\d+ of \d+ (START|OK|PASS|WARN \d+|FAIL \d+|ERROR) (.*)")
SECONDS = re.compile(r" in ([\d.]+)s\]")
RELATION = re.compile(r"(?:model|snapshot|snapshotted) \w+\.(\w+)")  # schema.name


def logged_times(log: Path) -> tuple[dict[str, float], float, int, str]:
    """What a build stopped part-way had done, from dbt's log: seconds per
    finished model and snapshot, the finished tests' total and count, and
    the node it was running when stopped."""
    nodes, tests_s, tests, running = {}, 0.0, 0, ""
    for line in log.read_text(errors="replace").splitlines():
        match = STATUS.search(line) if "[info ]" in line else None
        if not match:
            continue
        status, rest = match.groups()
        if "hook" in rest.split(" ", 1)[0]:
            continue
        relation = RELATION.search(rest)
        is_test = relation is None
        name = relation.group(1) if relation else rest.removeprefix("test ").split()[0]
        if status == "START":
            running = name
            continue
        running = ""
        seconds = SECONDS.search(line)
        if not seconds:
            continue
        if is_test:
            tests_s += float(seconds.group(1))
            tests += 1
        else:
            nodes[name] = float(seconds.group(1))
    return nodes, tests_s, tests, running


def build(work: Path, env: dict[str, str], engine: str, limit_s: float = 0) -> Build:
    target = work / f"target_{engine}"
    logs = work / f"logs_{engine}"
    paths = ["--target-path", str(target), "--log-path", str(logs)]
    flags = ["--selector", SELECTOR, "--exclude-resource-type", "unit_test"]
    if engine == "spark":
        flags += ["--target", "spark"]
    # parsed first, as a job running every day finds its partial parse
    run([str(BIN / "dbt"), "parse", *paths], env)
    try:
        wall, peak = run([str(BIN / "dbt"), "build", *flags, *paths], env, limit_s)
    except TimedOut as stopped:
        nodes, tests_s, tests, running = logged_times(logs / "dbt.log")
        return Build(stopped.wall_s, stopped.peak_mib, nodes, tests_s, tests, running)
    nodes, tests_s, tests = node_times(target)
    return Build(wall, peak, nodes, tests_s, tests)


def counts(db: Path) -> dict[str, int]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return {label: con.execute(sql).fetchone()[0] for label, sql in COUNTS.items()}
    finally:
        con.close()


def bench_tier(tier: str, root: Path, cores: int, memory: str, limit_s: float) -> None:
    customers, days = TIERS[tier]
    work = root / tier
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    db = work / "bank.duckdb"
    env = {
        **os.environ,
        "DBT_PROFILES_DIR": str(REPO),
        "BANK_DUCKDB_PATH": str(db),
        "BANK_ANALYTICS_PATH": str(work / "analytics.duckdb"),
        "BANK_LAKE_PATH": str(work / "lake"),
        "BANK_SPARK_DIR": str(work / "spark"),
        "BANK_SPARK_CORES": str(cores),
        "BANK_SPARK_MEMORY": memory,
    }
    env.pop("BANK_LAKE_VERSION", None)
    print(f"\n== tier {tier}: {customers:,} customers x {days} days", flush=True)
    seed = run(
        [str(BIN / "bank-seed"), "--quiet", "--customers", str(customers), "--days", str(days)],
        env,
    )
    lake = run([str(BIN / "bank-lake")], env)
    duck = build(work, env, "duckdb")
    spark = build(work, env, "spark", limit_s)

    print(f"{'step':<44} {'wall s':>9} {'peak RSS MiB':>13}")
    print(f"{'seed (bank-seed, DuckDB warehouse)':<44} {seed[0]:>9.1f} {seed[1]:>13,.0f}")
    print(f"{'lake export (bank-lake, raw as Parquet)':<44} {lake[0]:>9.1f} {lake[1]:>13,.0f}")
    for label, result in (
        (f"DuckDB: dbt build ({SELECTOR})", duck),
        (f"Spark local[{cores}], {memory}: dbt build", spark),
    ):
        print(f"{label:<44} {result.wall_s:>9.1f} {result.peak_mib:>13,.0f}")
    if spark.stopped_in:
        print(
            f"Spark did NOT FINISH: stopped at the {limit_s:.0f} s limit in "
            f"{spark.stopped_in}, after {len(spark.nodes)} models and snapshots "
            f"(DuckDB built {len(duck.nodes)})"
        )
    else:
        print(
            f"Spark / DuckDB: {spark.wall_s / duck.wall_s:.1f}x the wall time, "
            f"{spark.peak_mib / max(duck.peak_mib, 1):.1f}x the peak memory"
        )
    print(f"\nwhere the time goes (the {SLOWEST} slowest nodes on Spark; seconds):")
    print(f"{'model or snapshot':<48} {'Spark':>8} {'DuckDB':>8} {'ratio':>7}")
    for name, seconds in sorted(spark.nodes.items(), key=lambda kv: -kv[1])[:SLOWEST]:
        other = duck.nodes.get(name)
        ratio = f"{seconds / other:.1f}x" if other else "-"
        print(f"{name:<48} {seconds:>8.1f} {other or 0:>8.1f} {ratio:>7}")
    print(
        f"{'all models and snapshots':<48} {sum(spark.nodes.values()):>8.1f} "
        f"{sum(duck.nodes.values()):>8.1f}"
    )
    print(
        f"{f'data tests ({spark.tests} on Spark, {duck.tests} on DuckDB)':<48} "
        f"{spark.tests_s:>8.1f} {duck.tests_s:>8.1f}"
    )
    print("\nrows:")
    for label, value in counts(db).items():
        print(f"  {label:<40} {value:>12,}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--tiers",
        default="20k,L",
        help=f"comma-separated, of {', '.join(TIERS)} (default 20k,L)",
    )
    parser.add_argument("--cores", type=int, default=2, help="Spark local[N] (default 2)")
    parser.add_argument(
        "--spark-memory",
        default=os.environ.get("BANK_SPARK_MEMORY", "4g"),
        help="Spark driver memory, local mode's only JVM (default BANK_SPARK_MEMORY or 4g)",
    )
    parser.add_argument(
        "--limit",
        type=float,
        default=3600,
        help="stop a Spark build after this many seconds and report how far it got "
        "(default 3600; 0: no limit)",
    )
    parser.add_argument(
        "--dir",
        default="",
        help="work folder (default: a temporary folder, removed after)",
    )
    args = parser.parse_args()
    tiers = [t.strip() for t in args.tiers.split(",") if t.strip()]
    unknown = [t for t in tiers if t not in TIERS]
    if unknown:
        parser.error(f"unknown tier {unknown[0]!r}: choose from {', '.join(TIERS)}")
    root = Path(args.dir) if args.dir else Path(tempfile.mkdtemp(prefix="bench_spark_"))
    try:
        for tier in tiers:
            bench_tier(tier, root, args.cores, args.spark_memory, args.limit)
    finally:
        if not args.dir:
            shutil.rmtree(root, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
