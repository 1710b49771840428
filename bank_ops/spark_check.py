"""``make spark-check``: the same dbt project built on DuckDB and on Apache Spark
from the same raw data, every relation both engines build compared row for row.

Steps (each its own process, as a user would run them; docs/spark.md):

1. ``bank-seed`` a small bank into a private warehouse (``--customers``,
   ``--days``, ``--seed``) under ``--dir`` (default ``warehouse/spark_check``);
2. ``dbt build --selector spark`` on DuckDB (target ``ci``) into it;
3. ``bank-lake``: its raw schema as a Parquet lake, the files Spark reads;
4. ``dbt build --selector spark --target spark`` from that lake version;
5. ``dbt run-operation spark_export_models``: every relation Spark built,
   written as Parquet (macros/spark/spark_export_models.sql);
6. the comparison, in DuckDB: for each relation of the DuckDB build, the
   row counts, then ``EXCEPT ALL`` both ways over the DuckDB relation's
   columns (the Spark side cast to the DuckDB column's type).
7. the nightly path (``--append-days``, default 1): ``bank-seed
   --append-days`` lands more days in the warehouse, steps 2-5 run again
   (each engine builds incrementally on what it built) and step 6 compares
   again.

**What is not compared,** because it records the build rather than the
bank: the columns in ``ENGINE_COLUMNS`` (each engine's own row fingerprint,
the build's start time stamped on the rows it wrote) and the relations in
``ENGINE_RELATIONS`` (each engine's own dbt run history).

**Tolerance.** Exact, except for floating-point columns (DuckDB ``DOUBLE`` /
``FLOAT``): two engines add floating-point numbers in different orders, so
both sides are compared rounded to ``SIGNIFICANT`` significant digits.
Decimals, integers, strings, dates, timestamps, lists and structs compare
exactly.

Prints one line per relation (layer, name, rows on each engine, verdict),
then ``N marts equal, M differ``; exits 1 if any relation differs, if a mart
of the selection was not built on Spark, or if any step fails (its exit code
named), 0 otherwise.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import duckdb

SELECTOR = "spark"
# dbt unit tests run on DuckDB in `make test`: their fixtures are written in
# DuckDB's SQL (list literals); the data tests run on both engines
NO_UNIT_TESTS = ["--exclude-resource-type", "unit_test"]
SIGNIFICANT = 12
LAYERS = ("staging", "intermediate", "marts", "reference")
FLOATING = ("DOUBLE", "FLOAT", "REAL")
# columns whose value is the engine's or the run's, not the bank's
ENGINE_COLUMNS = {
    "row_hash": "each engine's own 64-bit hash of the raw row (macros/dq/dq_raw.sql)",
    "checked_at": "the start of the build that checked the row (macros/run_stamp.sql)",
    "classified_at": "the start of the build that classified the row (macros/run_stamp.sql)",
    # the quarantine's checked_at, carried downstream under these names
    "transaction_checked_at": "checked_at of the row's transaction",
    "auth_checked_at": "checked_at of the transaction's latest authentication log",
}
# relations that are the engine's own run history
ENGINE_RELATIONS = ("stg_audit__dbt_invocations", "stg_audit__dbt_node_results")


class CheckError(RuntimeError):
    """A step of the check failed; the message names it."""


@dataclass
class Result:
    layer: str
    name: str
    duckdb_rows: int
    spark_rows: int | None
    only_duckdb: int = 0
    only_spark: int = 0
    note: str = ""

    @property
    def equal(self) -> bool:
        return (
            self.spark_rows is not None
            and not self.note
            and self.only_duckdb == 0
            and self.only_spark == 0
            and self.duckdb_rows == self.spark_rows
        )

    def line(self) -> str:
        spark = "-" if self.spark_rows is None else f"{self.spark_rows:,}"
        if self.equal:
            verdict = "equal"
        elif self.note:
            verdict = self.note
        else:
            verdict = (
                f"DIFFER: {self.only_duckdb:,} rows only on DuckDB, "
                f"{self.only_spark:,} only on Spark"
            )
        return f"{self.layer:<12} {self.name:<48} {self.duckdb_rows:>10,} {spark:>10}  {verdict}"


def _comparable(column: str, duck_type: str, side: str) -> str:
    """`column` of one side as compared: cast to the DuckDB type; floating
    point rounded to SIGNIFICANT significant digits."""
    quoted = '"' + column.replace('"', '""') + '"'
    value = f"cast({quoted} as {duck_type})" if side == "spark" else quoted
    if duck_type.upper() in FLOATING:
        # printf's %.Ne rounds to N+1 significant digits, whatever the scale
        return f"printf('%.{SIGNIFICANT - 1}e', cast({value} as double)) as {quoted}"
    return f"{value} as {quoted}"


def compare(warehouse: Path, exported: Path, selected: dict[str, str]) -> list[Result]:
    """Compare every relation of `selected` (model name -> layer) built in
    DuckDB `warehouse` with its Spark export under `exported`."""
    con = duckdb.connect(str(warehouse), read_only=True)
    # Spark writes its timestamps as instants (UTC, the session time zone of
    # target spark); read back as wall-clock time in UTC, whatever the
    # machine's own time zone
    con.execute("set TimeZone = 'UTC'")
    results = []
    try:
        for name, layer in sorted(selected.items(), key=lambda item: (item[1], item[0])):
            columns = con.execute(
                "select column_name, data_type from information_schema.columns "
                "where table_schema = ? and table_name = ? order by ordinal_position",
                [layer, name],
            ).fetchall()
            if not columns or name in ENGINE_RELATIONS:
                continue  # not a relation (ephemeral), not built on DuckDB, or run history
            columns = [(c, t) for c, t in columns if c.lower() not in ENGINE_COLUMNS]
            (duck_rows,) = con.execute(f'select count(*) from {layer}."{name}"').fetchone()
            files = exported / name
            if not any(files.glob("*.parquet")):
                results.append(Result(layer, name, duck_rows, None, note="NOT BUILT on Spark"))
                continue
            spark = f"read_parquet('{files}/*.parquet')"
            spark_columns = {
                row[0].lower() for row in con.execute(f"describe select * from {spark}").fetchall()
            }
            missing = [c for c, _ in columns if c.lower() not in spark_columns]
            extra = sorted(spark_columns - {c.lower() for c, _ in columns} - set(ENGINE_COLUMNS))
            (spark_rows,) = con.execute(f"select count(*) from {spark}").fetchone()
            if missing or extra:
                note = (
                    "DIFFER: columns"
                    + (f" missing on Spark: {', '.join(missing)}" if missing else "")
                    + (f" only on Spark: {', '.join(extra)}" if extra else "")
                )
                results.append(Result(layer, name, duck_rows, spark_rows, note=note))
                continue
            duck_side = ", ".join(_comparable(c, t, "duckdb") for c, t in columns)
            spark_side = ", ".join(_comparable(c, t, "spark") for c, t in columns)
            left = f'select {duck_side} from {layer}."{name}"'
            right = f"select {spark_side} from {spark}"
            (only_duckdb,) = con.execute(
                f"select count(*) from ({left} except all {right})"
            ).fetchone()
            (only_spark,) = con.execute(
                f"select count(*) from ({right} except all {left})"
            ).fetchone()
            results.append(Result(layer, name, duck_rows, spark_rows, only_duckdb, only_spark))
    finally:
        con.close()
    return results


def _selected_models(dbt: str, env: dict) -> dict[str, str]:
    """Model and seed names of selector `spark` -> their schema."""
    out = _run(
        [
            dbt,
            "ls",
            "--selector",
            SELECTOR,
            "--resource-type",
            "model",
            "--resource-type",
            "seed",
            "--output",
            "json",
            "--output-keys",
            "name schema",
            "--quiet",
        ],
        env,
        "dbt ls",
        capture=True,
    )

    selected = {}
    for line in out.splitlines():
        line = line.strip()
        if line.startswith("{"):
            node = json.loads(line)
            if node["schema"] in LAYERS:
                selected[node["name"]] = node["schema"]
    return selected


def _run(command: list[str], env: dict, step: str, capture: bool = False) -> str:
    started = time.monotonic()
    print(f"spark-check: {step} ...", flush=True)
    proc = subprocess.run(
        command,
        env=env,
        text=True,
        stdout=subprocess.PIPE if capture else None,
    )
    if proc.returncode != 0:
        raise CheckError(f"{step} failed (exit {proc.returncode}): {' '.join(command)}")
    print(f"spark-check: {step} done in {time.monotonic() - started:.0f} s", flush=True)
    return proc.stdout or ""


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="spark-check", description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--dir",
        default="warehouse/spark_check",
        help="folder of the check's warehouse, lake and Spark tables (recreated)",
    )
    parser.add_argument("--customers", type=int, default=300)
    parser.add_argument("--days", type=int, default=7)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument(
        "--append-days",
        type=int,
        default=1,
        help="then append this many days, build both engines incrementally and "
        "compare again (0: the first build only)",
    )
    parser.add_argument(
        "--compare-only",
        action="store_true",
        help="compare the builds already in --dir (no seed, no build)",
    )
    args = parser.parse_args(argv)

    root = Path(args.dir).absolute()
    warehouse = root / "bank.duckdb"
    lake = root / "lake"
    exported = root / "spark_export"
    bin_dir = Path(sys.executable).parent
    dbt = str(bin_dir / "dbt")
    env = dict(os.environ)
    env.update(
        BANK_DUCKDB_PATH=str(warehouse),
        BANK_ANALYTICS_PATH=str(root / "analytics.duckdb"),
        BANK_LAKE_PATH=str(lake),
        BANK_SPARK_DIR=str(root / "spark"),
        # dbt's own files beside the check's warehouse: the check runs while
        # other dbt commands (make test's pytest) use the project's target/
        DBT_TARGET_PATH=str(root / "target"),
        DBT_LOG_PATH=str(root / "logs"),
    )
    env.pop("BANK_LAKE_VERSION", None)
    started = time.monotonic()
    try:
        if not args.compare_only:
            shutil.rmtree(root, ignore_errors=True)
            root.mkdir(parents=True)
            _run(
                [
                    str(bin_dir / "bank-seed"),
                    "--customers",
                    str(args.customers),
                    "--days",
                    str(args.days),
                    "--seed",
                    str(args.seed),
                ],
                env,
                "bank-seed",
            )
            _build_both(dbt, bin_dir, env, lake, exported, "")
        selected = _selected_models(dbt, env)
        rounds = [("first build", compare(warehouse, exported, selected))]
        if args.append_days and not args.compare_only:
            # the nightly path: more days land, both engines build
            # incrementally on top of what they built, then compare again
            _run(
                [str(bin_dir / "bank-seed"), "--append-days", str(args.append_days)],
                env,
                f"bank-seed --append-days {args.append_days}",
            )
            _build_both(dbt, bin_dir, env, lake, exported, " (incremental)")
            label = f"+{args.append_days} day(s), incremental builds"
            rounds.append((label, compare(warehouse, exported, selected)))
    except CheckError as error:
        print(f"spark-check: {error}", file=sys.stderr)
        sys.exit(1)
    for label, results in rounds:
        _report(label, results)
    print(f"spark-check: {time.monotonic() - started:.0f} s in all")
    sys.exit(0 if all(r.equal for _, results in rounds for r in results) else 1)


def _build_both(dbt: str, bin_dir: Path, env: dict, lake: Path, exported: Path, how: str) -> None:
    """Build selector spark on DuckDB, land the lake version Spark reads,
    build it on Spark, and export what Spark built to ``exported``."""
    _run(
        [dbt, "build", "--target", "ci", "--selector", SELECTOR, *NO_UNIT_TESTS],
        env,
        f"DuckDB build{how}",
    )
    _run([str(bin_dir / "bank-lake")], env, "bank-lake")
    env["BANK_LAKE_VERSION"] = str((lake / "current").resolve())
    _run(
        [dbt, "build", "--target", "spark", "--selector", SELECTOR, *NO_UNIT_TESTS],
        env,
        f"Spark build{how}",
    )
    shutil.rmtree(exported, ignore_errors=True)
    _run(
        [
            dbt,
            "run-operation",
            "spark_export_models",
            "--target",
            "spark",
            "--args",
            "{directory: '" + str(exported) + "'}",
        ],
        env,
        "Spark export",
    )


def _report(label: str, results: list[Result]) -> None:
    print(f"\n{label}:")
    print(f"{'layer':<12} {'relation':<48} {'DuckDB':>10} {'Spark':>10}  verdict")
    for result in results:
        print(result.line())
    marts = [r for r in results if r.layer == "marts"]
    others = [r for r in results if r.layer != "marts"]
    print(
        f"\n{sum(r.equal for r in others)} other relations equal, "
        f"{sum(not r.equal for r in others)} differ"
    )
    print(f"{sum(r.equal for r in marts)} marts equal, {sum(not r.equal for r in marts)} differ")


if __name__ == "__main__":
    main()
