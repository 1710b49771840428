"""``bank-lake``: the raw contract as a Parquet lake (docs/raw-contract.md).

Exports schema ``raw`` of the working warehouse to a folder of Parquet files
that Spark (or DuckDB, or any engine) reads as external tables:

- event tables (payment_transactions, authentication_logs, login_events,
  case_dispositions, fraud_complaints) Hive-partitioned by their Vietnam
  local date, ``<table>/local_date=YYYY-MM-DD/part-0.parquet``; a row whose
  timestamp is null (a defect the quarantine rejects) goes to
  ``local_date=__HIVE_DEFAULT_PARTITION__``, the Hive name for null, so
  nothing is dropped (an empty table has one empty file there, which
  carries its schema);
- every other table whole, ``<table>/part-0.parquet``;
- beside them the seeder's load log (schema ``meta``, ``seeder_loads``,
  ``LOAD_LOG``), whole: the risk layer dates a label it carries from the
  load that landed it (int_risk_label_events). A warehouse landed by
  another loader has none: the file is then empty, with the log's columns.

**Deterministic.** Rows are written in a fixed order (every column,
ascending), one file per partition: the same raw rows give the same bytes.

**Atomic.** Each export writes a new version folder,
``<lake>/versions/<n>``, with a ``_manifest.json`` (tables, partitions, row
counts) written last, then swaps the symbolic link ``<lake>/current`` to it
with one ``rename``: a reader that resolved ``current`` keeps reading its
version; one that resolves it after the swap reads the new one; a killed
export leaves only an unfinished folder, which the next one removes. The
last ``KEEP`` versions are kept, older ones removed.

**One writer.** The export holds the working warehouse's writer lock
(bank_ops.lock) while it reads: DuckDB cannot open a file another process
is writing, and a load must not swap the warehouse mid-export.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
from pathlib import Path

import duckdb

from bank_ops.lock import EXIT_BUSY, LockBusy, LockError, WriterLock, default_warehouse

LAKE_ENV = "BANK_LAKE_PATH"
DEFAULT_LAKE = "warehouse/lake"
PARTITION = "local_date"
NULL_PARTITION = "__HIVE_DEFAULT_PARTITION__"
KEEP = 3
# the seeder's load log, exported beside the raw tables (not a raw table: the
# manifest lists it under "load_log"); its columns when a warehouse has none
LOAD_LOG = "seeder_loads"
LOAD_LOG_EMPTY = (
    "select cast(null as integer) as batch_id, cast(null as timestamp) as loaded_at, "
    "cast(null as varchar) as scenario, cast(null as bigint) as seed, "
    "cast(null as date) as start_date, cast(null as integer) as days, "
    "cast(null as integer) as customers where false"
)
# the event tables and the timestamp whose Vietnam-local date partitions them
EVENT_TIME = {
    "payment_transactions": "transaction_ts",
    "authentication_logs": "auth_ts",
    "login_events": "login_ts",
    "case_dispositions": "decided_at",
    "fraud_complaints": "reported_at",
}


class LakeError(RuntimeError):
    """The export cannot run as asked; nothing was changed."""


def lake_path() -> Path:
    return Path(os.environ.get(LAKE_ENV) or DEFAULT_LAKE)


def export(db: Path, lake: Path, say=print) -> dict:
    """Export schema raw of warehouse ``db`` as a new version of ``lake``;
    returns its manifest."""
    if not db.is_file():
        raise LakeError(f"no warehouse at {str(db)!r} (run bank-seed first)")
    if lake.exists() and not lake.is_dir():
        raise LakeError(f"lake path {str(lake)!r} is a file, not a folder")
    versions = lake / "versions"
    versions.mkdir(parents=True, exist_ok=True)
    numbers = sorted(int(p.name) for p in versions.iterdir() if p.name.isdigit())
    for p in versions.iterdir():  # an export killed part-way
        if p.name.startswith("tmp-"):
            shutil.rmtree(p)
    number = (numbers[-1] + 1) if numbers else 1
    work = versions / f"tmp-{number}"
    work.mkdir()
    con = duckdb.connect(str(db), read_only=True)
    try:
        tables = [
            name
            for (name,) in con.execute(
                "select table_name from duckdb_tables() "
                "where database_name = current_database() and schema_name = 'raw' order by 1"
            ).fetchall()
        ]
        if not tables:
            raise LakeError(f"warehouse {str(db)!r} has no raw tables (run bank-seed first)")
        manifest = {"warehouse": str(db), "partition_column": PARTITION, "tables": {}}
        for table in tables:
            manifest["tables"][table] = _export_table(con, table, work / table)
        manifest["load_log"] = _export_load_log(con, work / LOAD_LOG)
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        raise
    finally:
        con.close()
    (work / "_manifest.json").write_text(json.dumps(manifest, indent=2, sort_keys=True) + "\n")
    final = versions / str(number)
    work.rename(final)
    _swap(lake / "current", Path("versions") / str(number))
    for old in numbers[: -(KEEP - 1)] if KEEP > 1 else numbers:
        shutil.rmtree(versions / str(old), ignore_errors=True)
    rows = sum(t["rows"] for t in manifest["tables"].values())
    say(f"bank-lake: version {number} of {lake}: {len(tables)} tables, {rows:,} rows")
    return manifest


def _export_table(con: duckdb.DuckDBPyConnection, table: str, folder: Path) -> dict:
    folder.mkdir()
    source = f"raw.{table}"
    time_column = EVENT_TIME.get(table)
    if time_column is None:
        (rows,) = con.execute(f"select count(*) from {source}").fetchone()
        _copy(con, f"select * from {source} order by all", folder / "part-0.parquet")
        return {"rows": rows, "partitioned_by": None}
    day = f"cast({time_column} as date)"
    partitions = con.execute(
        f"select {day} as d, count(*) from {source} group by 1 order by 1 nulls last"
    ).fetchall()
    written = {}
    if not partitions:  # an empty table keeps its schema: one empty file
        partitions = [(None, 0)]
    for value, rows in partitions:
        name = NULL_PARTITION if value is None else value.isoformat()
        where = f"{day} is null" if value is None else f"{day} = date '{name}'"
        target = folder / f"{PARTITION}={name}"
        target.mkdir()
        _copy(con, f"select * from {source} where {where} order by all", target / "part-0.parquet")
        written[name] = rows
    return {"rows": sum(written.values()), "partitioned_by": time_column, "partitions": written}


def _export_load_log(con: duckdb.DuckDBPyConnection, folder: Path) -> dict:
    folder.mkdir()
    (landed,) = con.execute(
        "select count(*) from duckdb_tables() where database_name = current_database() "
        f"and schema_name = 'meta' and table_name = '{LOAD_LOG}'"
    ).fetchone()
    query = f"select * from meta.{LOAD_LOG} order by all" if landed else LOAD_LOG_EMPTY
    _copy(con, query, folder / "part-0.parquet")
    (rows,) = con.execute(f"select count(*) from ({query})").fetchone()
    return {"rows": rows}


def _copy(con: duckdb.DuckDBPyConnection, query: str, path: Path) -> None:
    con.execute(f"copy ({query}) to '{path}' (format parquet, compression zstd)")


def _swap(link: Path, target: Path) -> None:
    """Point ``link`` at ``target`` with one atomic rename."""
    temporary = link.with_name(link.name + ".new")
    if temporary.is_symlink() or temporary.exists():
        temporary.unlink()
    temporary.symlink_to(target)
    os.replace(temporary, link)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        prog="bank-lake",
        description="Export the raw contract of the working warehouse as a Parquet lake "
        "(event tables Hive-partitioned by local date), atomically: readers use "
        "<lake>/current.",
    )
    parser.add_argument("--db", help="working warehouse (default: $BANK_DUCKDB_PATH)")
    parser.add_argument("--lake", help=f"lake folder (default: ${LAKE_ENV} or {DEFAULT_LAKE})")
    args = parser.parse_args(argv)
    db = Path(args.db or default_warehouse())
    lake = Path(args.lake) if args.lake else lake_path()
    if not db.is_file():  # before the lock, which would create its file beside it
        print(
            f"bank-lake: error: no warehouse at {str(db)!r} (run bank-seed first)", file=sys.stderr
        )
        sys.exit(1)
    try:
        with WriterLock(db, "bank-lake"):
            export(db, lake)
    except LockBusy as exc:
        print(f"bank-lake: {exc}", file=sys.stderr)
        sys.exit(EXIT_BUSY)
    except (LakeError, LockError, duckdb.Error) as exc:
        print(f"bank-lake: error: {exc}", file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
