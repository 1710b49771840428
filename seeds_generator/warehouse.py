"""Landing into the DuckDB warehouse, atomically, in bounded memory.

A load never writes to the warehouse file in place. It works on a private
copy beside it (same folder, same file system) and only a complete,
committed and checkpointed copy replaces the original, with ``os.replace``.
A load that fails or is killed leaves the original byte-for-byte as it was.
Schemas other than ``raw`` and ``meta`` (dbt's models, audit history) are
carried over untouched. Rows are inserted chunk by chunk as they are
generated, so memory does not grow with the size of the load.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import queue
import shutil
import threading
from pathlib import Path
from typing import Any

import duckdb
import numpy as np
import pyarrow as pa

from seeds_generator.contract import CONTRACT_VERSION, RAW_SCHEMA, RAW_TABLES, create_table_sql

DEFAULT_PATH = "warehouse/bank.duckdb"
META_SCHEMA = "meta"
LOADS_TABLE = f"{META_SCHEMA}.seeder_loads"
BATCH_ROWS = 400_000  # rows held per table before one insert


class WarehouseError(RuntimeError):
    """The warehouse cannot be written as asked (exit code 2)."""


def default_path() -> Path:
    return Path(os.environ.get("BANK_DUCKDB_PATH") or DEFAULT_PATH)


def now_local() -> dt.datetime:
    """Current Vietnam local time (UTC+7), naive, to the second."""
    vn = dt.timezone(dt.timedelta(hours=7))
    return dt.datetime.now(vn).replace(tzinfo=None, microsecond=0)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _remove_stale(path: Path) -> None:
    """Remove partial copies left by killed loads (their process is gone)."""
    for stale in path.parent.glob(f".{path.name}.loading-*"):
        pid = stale.name.rsplit("-", 1)[-1].split(".")[0]
        if pid.isdigit() and int(pid) != os.getpid() and not _alive(int(pid)):
            stale.unlink(missing_ok=True)


def check_writable(path: Path) -> list[dict[str, Any]]:
    """Fail early, before any work, if a load could not land at ``path``.

    Returns the loads already recorded in the warehouse (empty when new).
    """
    if path.exists() and path.is_dir():
        raise WarehouseError(f"warehouse path {str(path)!r} is a directory, not a file")
    probe = path.parent if str(path.parent) else Path(".")
    while not probe.exists():
        probe = probe.parent
    if not probe.is_dir() or not os.access(probe, os.W_OK):
        raise WarehouseError(f"warehouse folder {str(path.parent)!r} is not writable")
    return read_loads(path)


def _connect_read_only(path: Path) -> duckdb.DuckDBPyConnection:
    try:
        return duckdb.connect(str(path), read_only=True)
    except duckdb.Error as exc:
        msg = str(exc).splitlines()[0]
        if "lock" in msg.lower():
            raise WarehouseError(
                f"warehouse {str(path)!r} is locked by another process (dbt, a notebook or "
                f"a report build?); close it and retry. DuckDB said: {msg}"
            ) from exc
        raise WarehouseError(f"cannot open warehouse {str(path)!r}: {msg}") from exc


def read_loads(path: Path) -> list[dict[str, Any]]:
    """Loads recorded in ``meta.seeder_loads`` (empty for a new file)."""
    if not path.exists():
        return []
    con = _connect_read_only(path)
    try:
        exists = con.execute(
            "select count(*) from information_schema.tables "
            "where table_schema = ? and table_name = 'seeder_loads'",
            [META_SCHEMA],
        ).fetchone()[0]
        if not exists:
            return []
        cur = con.execute(f"select * from {LOADS_TABLE} order by batch_id")
        names = [d[0] for d in cur.description]
        rows = [dict(zip(names, row, strict=True)) for row in cur.fetchall()]
    finally:
        con.close()
    versions = {r["contract_version"] for r in rows}
    if versions - {CONTRACT_VERSION}:
        raise WarehouseError(
            f"warehouse {str(path)!r} holds raw contract version {sorted(versions)}, "
            f"this seeder writes version {CONTRACT_VERSION}; use a new --db path"
        )
    return rows


def read_table(path_or_con, sql: str) -> dict[str, np.ndarray]:
    """Query result as numpy columns (timestamps in seconds, strings as objects)."""
    con = path_or_con
    table = con.execute(sql).fetch_arrow_table()
    out = {}
    for name in table.column_names:
        col = table.column(name)
        if pa.types.is_timestamp(col.type):
            col = col.cast(pa.timestamp("s"))
        out[name] = np.array(col.to_numpy(zero_copy_only=False))  # writable copy
    return out


class Load:
    """One atomic load: ``with Load(path, fresh=True) as load: load.insert(...)``."""

    def __init__(self, path: Path, fresh: bool, memory_limit: str = "1GB") -> None:
        self.path = path
        self.fresh = fresh
        self.memory_limit = memory_limit
        self.staging = path.with_name(f".{path.name}.loading-{os.getpid()}")
        self.con: duckdb.DuckDBPyConnection | None = None
        self._queue: queue.Queue = queue.Queue(maxsize=8)
        self._writer: threading.Thread | None = None
        self._error: BaseException | None = None
        self._held: dict[str, list[pa.Table]] = {}

    def __enter__(self) -> Load:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        _remove_stale(self.path)
        if self.path.exists():
            shutil.copyfile(self.path, self.staging)
            wal = Path(f"{self.path}.wal")
            if wal.exists():
                shutil.copyfile(wal, Path(f"{self.staging}.wal"))
        self.con = duckdb.connect(str(self.staging))
        self.con.execute(f"set memory_limit = '{self.memory_limit}'")
        self.con.execute("set preserve_insertion_order = false")
        # the staging copy is swapped in only when everything succeeded, which
        # is what makes a load atomic: each insert may commit on its own
        self.con.execute("set checkpoint_threshold = '16GB'")
        if self.fresh:
            for schema in (RAW_SCHEMA, META_SCHEMA):
                self.con.execute(f"drop schema if exists {schema} cascade")
            self.con.execute(f"create schema {RAW_SCHEMA}")
            self.con.execute(f"create schema {META_SCHEMA}")
            for name in RAW_TABLES:
                self.con.execute(create_table_sql(name))
        # Inserts run on a second thread (DuckDB releases the GIL), so the next
        # day is generated while this one is written. The main thread touches
        # the connection only after flush() has stopped that thread.
        self._writer = threading.Thread(target=self._drain, name="duckdb-writer", daemon=True)
        self._writer.start()
        return self

    def _drain(self) -> None:
        cur = self.con
        while True:
            item = self._queue.get()
            if item is None:
                break
            if self._error is not None:
                continue
            sql, table = item
            try:
                chunk = table  # noqa: F841 - read by DuckDB's replacement scan
                cur.execute(sql)
            except BaseException as exc:  # reported by flush()
                self._error = exc

    def flush(self) -> None:
        """Write held rows, wait for queued inserts; raise the first error."""
        for table in list(self._held):
            self._send(table)
        if self._writer is not None and self._writer.is_alive():
            self._queue.put(None)
            self._writer.join()
        self._writer = None
        if self._error is not None:
            raise self._error

    def __exit__(self, exc_type, exc, tb) -> None:
        try:
            if exc_type is None:
                for table in list(self._held):
                    self._send(table)
            if self._writer is not None:
                self._queue.put(None)
                self._writer.join()
                self._writer = None
            if exc_type is None and self._error is not None:
                raise self._error
            if exc_type is None and self.con is not None:
                self.con.execute("checkpoint")
                self.con.close()
                self.con = None
                os.replace(self.staging, self.path)
        finally:
            if self.con is not None:
                with contextlib.suppress(duckdb.Error):
                    self.con.close()
            for leftover in (self.staging, Path(f"{self.staging}.wal")):
                with contextlib.suppress(FileNotFoundError):
                    leftover.unlink()

    # ------------------------------------------------------------------

    def insert(self, table: str, rows: pa.Table) -> None:
        """Queue rows for ``raw.<table>``; they are written in large batches."""
        if rows.num_rows == 0:
            return
        if self._error is not None:
            raise self._error
        held = self._held.setdefault(table, [])
        held.append(rows)
        # each insert commits on its own: fewer, larger ones are much cheaper
        if sum(t.num_rows for t in held) >= BATCH_ROWS:
            self._send(table)

    def _send(self, table: str) -> None:
        held = self._held.pop(table, [])
        if not held:
            return
        rows = pa.concat_tables(held)
        cols = ", ".join(f"cast({c} as {t})" for c, t in RAW_TABLES[table])
        # several record batches let DuckDB scan them on both cores
        batches = pa.Table.from_batches(rows.to_batches(max_chunksize=122_880))
        sql = f"insert into {RAW_SCHEMA}.{table} select {cols} from chunk"
        if self._writer is None:
            chunk = batches  # noqa: F841 - read by DuckDB's replacement scan
            self.con.execute(sql)
        else:
            self._queue.put((sql, batches))

    def replace_rows(self, table: str, key: str, rows: pa.Table) -> None:
        """Rewrite rows of a mutable entity in place (delete by key, insert)."""
        if rows.num_rows == 0:
            return
        self.flush()
        keys = rows.select([key])  # noqa: F841 - read by DuckDB below
        self.con.execute(
            f"delete from {RAW_SCHEMA}.{table} where {key} in (select {key} from keys)"
        )
        self.insert(table, rows)

    def write_meta(self, name: str, data: pa.Table) -> None:
        """Replace ``meta.<name>`` with ``data`` (the simulator's private state)."""
        self.flush()
        self.con.execute(f"create schema if not exists {META_SCHEMA}")
        self.con.execute(f"create or replace table {META_SCHEMA}.{name} as select * from data")

    def record(self, load: dict[str, Any]) -> None:
        self.flush()
        self.con.execute(f"create schema if not exists {META_SCHEMA}")
        self.con.execute(
            f"""create table if not exists {LOADS_TABLE} (
                batch_id integer, loaded_at timestamp, contract_version integer,
                scenario varchar, scenario_source varchar, seed bigint,
                start_date date, first_day integer,
                days integer, days_done integer, customers integer,
                transactions bigint, command varchar)"""
        )
        load = {**load, "contract_version": CONTRACT_VERSION}
        names = ", ".join(load)
        marks = ", ".join("?" for _ in load)
        self.con.execute(
            f"insert into {LOADS_TABLE} ({names}) values ({marks})", list(load.values())
        )
