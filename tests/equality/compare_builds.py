"""Behaviour unchanged: two versions of the project build the same warehouse.

A script, not a test (it builds the project four times): for a refactor
that must not change a single row, run

    .venv/bin/python tests/equality/compare_builds.py --base <git ref>
        [--customers N --days N]

It checks out ``--base`` in a temporary git worktree and, for the base and
for this working tree (``--head``, default: the repository as it is now):

1. seeds a warehouse with that version's seeder (same seed, pinned load
   stamps), ``dbt build`` with that version's project (as ``make run``);
2. appends one day (``--append-days 1``) and runs the nightly build
   (``make daily``'s flags: incremental, data tests on the latest load).

After each of the two steps it compares every table of the two
warehouses, schema by schema, with EXCEPT ALL both ways on the columns
both have, leaving out the run-stamp columns (when dbt checked or
classified a row: they differ between any two builds) and the run history
itself (schema audit and the models that report it). It prints one line
per table and ``N tables equal, M differ``, and exits 1 when a table
differs, lost rows or columns, or disappeared; a table only the head has
is listed, not counted as a difference.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import duckdb

REPO = Path(__file__).resolve().parents[2]
# the run-stamp columns the pytest comparisons leave out too (one list)
sys.path.insert(0, str(REPO / "tests" / "python"))
from conftest import RUN_STAMPS  # noqa: E402

BIN = Path(sys.executable).parent
PINNED = ("2026-11-01T06:00:00", "2026-11-02T06:00:00")
DAILY = ("--exclude-resource-type", "unit_test", "--vars", "{test_scope: latest_load}")
# run history: differs between any two builds by construction
SKIP_SCHEMAS = {"audit"}
SKIP_RELATIONS = {
    "stg_audit__dbt_invocations",
    "stg_audit__dbt_node_results",
    "fct_dq_test_history",
}
# columns that name the run, not the data: the seeder's command line names the
# warehouse file, which differs between the two sides
SKIP_COLUMNS = {("meta", "seeder_loads"): {"command"}}


def run(argv: list[str], cwd: Path, env: dict, what: str) -> None:
    started = time.perf_counter()
    result = subprocess.run(argv, cwd=cwd, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        sys.exit(
            f"{what} failed ({result.returncode}):\n{result.stdout[-4000:]}{result.stderr[-4000:]}"
        )
    print(f"  {what}: {time.perf_counter() - started:.0f} s", flush=True)


def build_side(name: str, project: Path, work: Path, seed_args: list[str]) -> Path:
    """Seed and build one side; returns the warehouse after the full build,
    copied aside, and leaves ``work/bank.duckdb`` after the nightly build."""
    work.mkdir(parents=True)
    db = work / "bank.duckdb"
    env = {
        **os.environ,
        "BANK_DUCKDB_PATH": str(db),
        "DBT_PROFILES_DIR": str(project),
        "DBT_SEND_ANONYMOUS_USAGE_STATS": "false",
        # the side's own seeder package (python -m runs from the checkout)
        "PYTHONPATH": str(project),
    }
    dbt = [str(BIN / "dbt")]
    paths = [
        "--project-dir",
        str(project),
        "--target-path",
        str(work / "target"),
        "--log-path",
        str(work / "logs"),
    ]
    seed = [sys.executable, "-m", "seeds_generator", "--quiet", "--db", str(db)]
    print(f"{name} ({project}):", flush=True)
    run([*seed, *seed_args, "--loaded-at", PINNED[0]], project, env, "seed")
    run([*dbt, "build", *paths], project, env, "dbt build")
    full = work / "full" / "bank.duckdb"  # views name their catalog: the file stem
    full.parent.mkdir()
    shutil.copyfile(db, full)
    run([*seed, "--append-days", "1", "--loaded-at", PINNED[1]], project, env, "append 1 day")
    run([*dbt, "build", *DAILY, *paths], project, env, "nightly dbt build")
    return full


def tables(con: duckdb.DuckDBPyConnection, catalog: str) -> dict[tuple[str, str], list[str]]:
    rows = con.execute(
        "select table_schema, table_name, column_name from information_schema.columns "
        "where table_catalog = ? order by table_schema, table_name, ordinal_position",
        [catalog],
    ).fetchall()
    out: dict[tuple[str, str], list[str]] = {}
    for schema, table, column in rows:
        if schema in SKIP_SCHEMAS or table in SKIP_RELATIONS:
            continue
        out.setdefault((schema, table), []).append(column)
    return out


def views(con: duckdb.DuckDBPyConnection, catalog: str) -> set[tuple[str, str]]:
    return {
        (schema, name)
        for schema, name in con.execute(
            "select table_schema, table_name from information_schema.tables "
            "where table_catalog = ? and table_type = 'VIEW'",
            [catalog],
        ).fetchall()
    }


def view_fingerprint(db: Path, key: tuple[str, str], columns: list[str]) -> tuple[int, int]:
    """Row count and sum of row hashes of a view, read in its own file: a view
    names its database's catalog, so it cannot be read under another alias."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        cols = ", ".join(f'"{c}"' for c in columns)
        row = con.execute(
            f"select count(*), coalesce(sum(hash(t)), 0)::hugeint from "
            f'(select {cols} from "{key[0]}"."{key[1]}") as t'
        ).fetchone()
        return int(row[0]), int(row[1])
    finally:
        con.close()


def compare(base_db: Path, head_db: Path, label: str) -> int:
    con = duckdb.connect()
    con.execute(f"attach '{base_db}' as base (read_only)")
    con.execute(f"attach '{head_db}' as head (read_only)")
    base, head = tables(con, "base"), tables(con, "head")
    base_views, head_views = views(con, "base"), views(con, "head")
    equal = differ = 0
    print(f"\n{label}")
    for key in sorted(base.keys() | head.keys()):
        name = ".".join(key)
        if key not in head:
            print(f"  DIFFER {name}: only in the base")
            differ += 1
            continue
        if key not in base:
            print(f"  new    {name}: only in the head")
            continue
        skipped = RUN_STAMPS | SKIP_COLUMNS.get(key, set())
        columns = [c for c in base[key] if c in head[key] and c not in skipped]
        lost = [c for c in base[key] if c not in head[key]]
        if key in base_views or key in head_views:
            a_fp, b_fp = (
                view_fingerprint(base_db, key, columns),
                view_fingerprint(head_db, key, columns),
            )
            if a_fp != b_fp or lost:
                differ += 1
                print(
                    f"  DIFFER {name} (view): {a_fp[0]:,} rows in the base, {b_fp[0]:,} in the "
                    f"head{', contents differ' if a_fp[0] == b_fp[0] else ''}"
                    f"{'; columns gone: ' + ', '.join(lost) if lost else ''}"
                )
            else:
                equal += 1
                print(f"  equal  {name} (view): {a_fp[0]:,} rows")
            continue
        cols = ", ".join(f'"{c}"' for c in columns)
        a = f'select {cols} from base."{key[0]}"."{key[1]}"'
        b = f'select {cols} from head."{key[0]}"."{key[1]}"'
        only_base = con.execute(f"select count(*) from ({a} except all {b})").fetchone()[0]
        only_head = con.execute(f"select count(*) from ({b} except all {a})").fetchone()[0]
        rows = con.execute(f"select count(*) from ({a})").fetchone()[0]
        if only_base or only_head or lost:
            differ += 1
            extra = f"; columns gone: {', '.join(lost)}" if lost else ""
            print(
                f"  DIFFER {name}: {only_base} rows only in the base, "
                f"{only_head} only in the head{extra}"
            )
        else:
            equal += 1
            added = [c for c in head[key] if c not in base[key]]
            note = f" (new columns: {', '.join(added)})" if added else ""
            print(f"  equal  {name}: {rows:,} rows{note}")
    print(f"{label}: {equal} tables equal, {differ} differ")
    con.close()
    return differ


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--base", required=True, help="git ref of the version to compare with")
    parser.add_argument("--head", default=str(REPO), help="project folder (default: this one)")
    parser.add_argument("--customers", type=int, default=None)
    parser.add_argument("--days", type=int, default=None)
    parser.add_argument("--keep", action="store_true", help="keep the work folder")
    args = parser.parse_args()
    seed_args = []
    if args.customers:
        seed_args += ["--customers", str(args.customers)]
    if args.days:
        seed_args += ["--days", str(args.days)]
    work = Path(tempfile.mkdtemp(prefix="compare-builds-"))
    worktree = work / "base-checkout"
    subprocess.run(
        ["git", "worktree", "add", "--detach", str(worktree), args.base],
        cwd=REPO,
        check=True,
        capture_output=True,
    )
    try:
        base_full = build_side(f"base {args.base}", worktree, work / "base", seed_args)
        head_full = build_side("head", Path(args.head).resolve(), work / "head", seed_args)
        differ = compare(base_full, head_full, "after the full build (make run)")
        differ += compare(
            work / "base" / "bank.duckdb",
            work / "head" / "bank.duckdb",
            "after one more day (make daily)",
        )
    finally:
        subprocess.run(
            ["git", "worktree", "remove", "--force", str(worktree)], cwd=REPO, capture_output=True
        )
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
        else:
            print(f"kept {work}")
    sys.exit(1 if differ else 0)


if __name__ == "__main__":
    main()
