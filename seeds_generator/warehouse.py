"""Landing into the DuckDB warehouse, atomically, in bounded memory.

A load never writes to the warehouse file in place. It works on a private
copy beside it (same folder, same file system) and only a complete,
committed and checkpointed copy replaces the original, with ``os.replace``.
A load that fails or is killed leaves the original byte-for-byte as it was
(but for a write-ahead log found beside it, which is first written into
it: the same data, in one file instead of two).
An append carries every schema over (dbt's models, audit history); a fresh
load replaces the bank, so it keeps only schema ``audit`` (dbt's run and
test history) and everything dbt derived from the old rows is gone. Rows
are inserted chunk by chunk as they are generated, so memory does not grow
with the size of the load.

The swapped-in file is the same file to its users: a symlinked warehouse
stays a link (the load lands at its target), and the new file keeps the
old one's mode and owner. A write-ahead log left beside the original is
written into it before the copy, never left to be replayed onto the new
file, and the original stays locked against writers until the swap, so no
other process's writes can be lost by it (nor another load's: a file
replaced meanwhile is not overwritten). A file its user may not write is
refused, and a full disk ends the load with one message (DiskFullError),
its partial copy removed.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import os
import queue
import shutil
import stat
import threading
from pathlib import Path
from typing import Any

import duckdb
import numpy as np
import pyarrow as pa

from bank_ops.lock import pid_alive
from seeds_generator.contract import CONTRACT_VERSION, RAW_SCHEMA, RAW_TABLES, create_table_sql

DEFAULT_PATH = "warehouse/bank.duckdb"
META_SCHEMA = "meta"
LOADS_TABLE = f"{META_SCHEMA}.seeder_loads"
AUDIT_SCHEMA = "audit"  # dbt's run and test history (macros/audit/): outlives a fresh load
BATCH_ROWS = 400_000  # rows held per table before one insert
OLD = "__bank_seed_old"  # alias of the old warehouse attached to a fresh load
DISK_FULL = (errno.ENOSPC, errno.EDQUOT)


class WarehouseError(RuntimeError):
    """The warehouse cannot be written as asked (exit code 2)."""


class DiskFullError(RuntimeError):
    """The warehouse's folder filled up during a load (exit code 1).

    Not bad input, so not a WarehouseError; but no traceback either: the
    message says where space ran out and that nothing was changed.
    """


def default_path() -> Path:
    return Path(os.environ.get("BANK_DUCKDB_PATH") or DEFAULT_PATH)


def now_local() -> dt.datetime:
    """Current Vietnam local time (UTC+7), naive, to the second."""
    vn = dt.timezone(dt.timedelta(hours=7))
    return dt.datetime.now(vn).replace(tzinfo=None, microsecond=0)


def _remove_stale(path: Path) -> None:
    """Remove partial copies left by killed loads (their process is gone).

    A copy named after this very process is stale too (it is removed before
    this load creates its own): a killed load's pid comes back after a
    restart, in a container often at once, and its ``.wal`` would otherwise
    be replayed onto this load's copy.
    """
    for stale in path.parent.glob(f".{path.name}.loading-*"):
        pid = stale.name.rsplit("-", 1)[-1].split(".")[0]
        if pid.isdigit() and (int(pid) == os.getpid() or not pid_alive(int(pid))):
            if stale.is_dir():  # DuckDB's spill folder, <copy>.tmp
                shutil.rmtree(stale, ignore_errors=True)
            else:
                stale.unlink(missing_ok=True)


def real_path(path: Path) -> Path:
    """The file a load replaces: a symlink's target, not the link.

    The private copy must sit beside the file it replaces (``os.replace``
    works within one file system) and replacing the link itself would turn
    it into a plain file, leaving its target stale.
    """
    return Path(os.path.realpath(path))


def _name(path: Path) -> str:
    """``path`` for a message, with its target when it is a symlink."""
    if path.is_symlink():
        return f"{str(path)!r} (a link to {str(real_path(path))!r})"
    return repr(str(path))


def _wal(path: Path) -> Path:
    return Path(f"{path}.wal")


def _identity(path: Path) -> tuple[int, ...]:
    """What changes when any process writes ``path`` (or replaces it)."""
    st = path.stat()
    return (st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns)


def _human(size: int) -> str:
    for unit in ("bytes", "KB", "MB", "GB"):
        if size < 1024 or unit == "GB":
            return f"{size:,} {unit}" if unit == "bytes" else f"{size:,.1f} {unit}"
        size /= 1024
    raise AssertionError("unreachable")


def _is_disk_full(exc: BaseException | None) -> bool:
    """Whether ``exc`` (or what caused it) is the file system being full.

    Python reports it as an OSError with errno ENOSPC; DuckDB as an
    IOException whose message carries the operating system's wording.
    """
    seen: set[int] = set()
    while exc is not None and id(exc) not in seen:
        seen.add(id(exc))
        if isinstance(exc, OSError) and exc.errno in DISK_FULL:
            return True
        if isinstance(exc, duckdb.Error) and any(
            os.strerror(code) in str(exc) for code in DISK_FULL
        ):
            return True
        exc = exc.__cause__ or exc.__context__
    return False


def _check_file(path: Path) -> None:
    """Refuse a warehouse file a load could not replace as the same file.

    A user who may not write the file must not get it replaced behind its
    permissions (root may write anything, so for root a file without any
    write bit, read-only on purpose, is refused). And the new file gets the
    old one's owner, which only root can give away.
    """
    target = real_path(path)
    st = target.stat()
    mode = stat.S_IMODE(st.st_mode)
    root = os.geteuid() == 0
    writable = bool(mode & 0o222) if root else os.access(target, os.W_OK)
    if not writable:
        raise WarehouseError(
            f"warehouse {_name(path)} is read-only (mode {mode:04o}, "
            f"{stat.filemode(st.st_mode)}); make it writable or use another --db"
        )
    own = st.st_uid == os.geteuid() and st.st_gid in {os.getegid(), *os.getgroups()}
    if not (root or own):
        raise WarehouseError(
            f"warehouse {_name(path)} belongs to uid {st.st_uid} gid {st.st_gid}: a load "
            f"replaces the file and could not give the new one that owner; run bank-seed "
            f"as its owner"
        )


def check_writable(path: Path) -> list[dict[str, Any]]:
    """Fail early, before any work, if a load could not land at ``path``.

    Returns the loads already recorded in the warehouse (empty when new).
    """
    if path.exists() and path.is_dir():
        raise WarehouseError(f"warehouse path {str(path)!r} is a directory, not a file")
    target = real_path(path)  # the private copy goes beside a link's target
    probe = target.parent
    while not probe.exists():
        probe = probe.parent
    if not probe.is_dir() or not os.access(probe, os.W_OK):
        raise WarehouseError(f"warehouse folder {str(target.parent)!r} is not writable")
    if target.exists():
        _check_file(path)
    return read_loads(path)


def _connect(path: Path, read_only: bool) -> duckdb.DuckDBPyConnection:
    try:
        return duckdb.connect(str(path), read_only=read_only)
    except duckdb.Error as exc:
        raise _open_error(path, exc) from exc


def _open_error(path: Path, exc: duckdb.Error) -> WarehouseError:
    """DuckDB's refusal to open ``path`` as one line, a lock named as such."""
    msg = str(exc).splitlines()[0]
    if "lock" in msg.lower():
        return WarehouseError(
            f"warehouse {str(path)!r} is locked by another process (dbt, a notebook or "
            f"a report build?); close it and retry. DuckDB said: {msg}"
        )
    return WarehouseError(f"cannot open warehouse {str(path)!r}: {msg}")


def read_loads(path: Path) -> list[dict[str, Any]]:
    """Loads recorded in ``meta.seeder_loads`` (empty for a new file)."""
    if not path.exists():
        return []
    con = _connect(path, read_only=True)
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
        self.target = real_path(path)
        self.fresh = fresh
        self.memory_limit = memory_limit
        self.staging = self.target.with_name(f".{self.target.name}.loading-{os.getpid()}")
        self.con: duckdb.DuckDBPyConnection | None = None
        # schemas (and objects) of the old file a fresh load does not carry over
        self.dropped: list[str] = []
        self.kept: list[str] = []  # and the schemas it carries over
        self._original: os.stat_result | None = None
        self._before: tuple[int, ...] | None = None  # _identity of the original
        self._hold: duckdb.DuckDBPyConnection | None = None
        self._queue: queue.Queue = queue.Queue(maxsize=8)
        self._writer: threading.Thread | None = None
        self._error: BaseException | None = None
        self._held: dict[str, list[pa.Table]] = {}

    def __enter__(self) -> Load:
        self.target.parent.mkdir(parents=True, exist_ok=True)
        _remove_stale(self.target)
        try:
            self._open()
        except BaseException as exc:  # __exit__ does not run when __enter__ fails
            self._discard()
            if _is_disk_full(exc):
                raise self._disk_full() from exc
            raise
        # Inserts run on a second thread (DuckDB releases the GIL), so the next
        # day is generated while this one is written. The main thread touches
        # the connection only after flush() has stopped that thread.
        self._writer = threading.Thread(target=self._drain, name="duckdb-writer", daemon=True)
        self._writer.start()
        return self

    def _open(self) -> None:
        """Create the private copy, connected as ``self.con``."""
        if self.target.exists():
            self._fold_wal()
            self._original = self.target.stat()
            self._before = _identity(self.target)
            if not self.fresh:
                self._copy()
        self._connect_staging()
        if self.fresh:
            self.con.execute(f"create schema {RAW_SCHEMA}")
            self.con.execute(f"create schema {META_SCHEMA}")
            for name in RAW_TABLES:
                self.con.execute(create_table_sql(name))
            if self._original is not None:
                self._carry_over_audit()  # after raw: a view of it still binds
        if self._before is not None:
            self._lock_original(self._before)

    def _connect_staging(self) -> None:
        self.con = duckdb.connect(str(self.staging))
        if self._original is not None:
            # no wider access while the copy is written than the original gives
            # (a 600 warehouse holds personal data); the owner follows at the swap
            os.chmod(self.staging, stat.S_IMODE(self._original.st_mode) | stat.S_IWUSR)
        self.con.execute(f"set memory_limit = '{self.memory_limit}'")
        self.con.execute("set preserve_insertion_order = false")
        # the staging copy is swapped in only when everything succeeded, which
        # is what makes a load atomic: each insert may commit on its own
        self.con.execute("set checkpoint_threshold = '16GB'")

    def _names(self) -> list[Path]:
        """The warehouse's names: DuckDB keeps a write-ahead log beside the
        path a file was opened by, so a link and its target may each have one."""
        return list(dict.fromkeys((self.path, self.target)))

    def _fold_wal(self) -> None:
        """Write a write-ahead log left beside the warehouse into the file.

        A process killed before its checkpoint (dbt checkpoints only at 1 GB
        of log or when it closes) leaves ``<file>.wal``, committed data that
        DuckDB replays whenever it opens ``<file>``. Copied with the file and
        left beside the swapped-in one it would be replayed a second time,
        over the copy that already holds it. Checkpointing it here keeps the
        same data, in the file alone.
        """
        for name in self._names():
            if _wal(name).exists():
                con = _connect(name, read_only=False)
                try:
                    con.execute("checkpoint")
                finally:
                    con.close()

    def _copy(self) -> None:
        """Copy the warehouse beside itself, refusing early when it cannot fit
        (a copy that fills the disk up would hurt every other process)."""
        size = self.target.stat().st_size
        if shutil.disk_usage(self.staging.parent).free < size:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(self.staging.parent))
        # created private, then copied into: the rows are never readable by more
        # users than the original allows, even while being copied
        os.close(os.open(self.staging, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600))
        shutil.copyfile(self.target, self.staging)

    def _carry_over_audit(self) -> None:
        """Copy schema ``audit`` of the old warehouse into the new, empty one.

        A fresh load replaces the bank: the staging, intermediate and mart
        models, snapshots and incremental state dbt derived from the old
        rows would describe rows that no longer exist, so the next dbt build
        must start from scratch. Only dbt's run and test history is kept.
        Building a new file and copying that one schema, rather than copying
        the whole warehouse to drop most of it, needs little space and time.
        Tables are recreated from their own DDL, so column types, defaults
        and keys stay as they were.
        """
        con = self.con
        quoted_path = str(self.target).replace("'", "''")
        try:
            con.execute(f"attach '{quoted_path}' as {OLD} (read_only)")
        except duckdb.Error as exc:
            raise _open_error(self.target, exc) from exc
        try:
            schemas = [
                s
                for (s,) in con.execute(
                    "select schema_name from duckdb_schemas() "
                    "where database_name = ? and not internal order by 1",
                    [OLD],
                ).fetchall()
            ]
            self.dropped = [s for s in schemas if s not in (RAW_SCHEMA, META_SCHEMA, AUDIT_SCHEMA)]
            in_main = con.execute(
                "select (select count(*) from duckdb_tables() where database_name = $1 "
                "and schema_name = 'main') + (select count(*) from duckdb_views() "
                "where database_name = $1 and schema_name = 'main' and not internal)",
                [OLD],
            ).fetchone()[0]
            if in_main:
                objects = "table or view" if in_main == 1 else "tables and views"
                self.dropped.append(f"main ({in_main} {objects})")
            if AUDIT_SCHEMA not in schemas:
                return
            con.execute(f"create schema {AUDIT_SCHEMA}")
            self.kept.append(AUDIT_SCHEMA)
            tables = con.execute(
                "select table_name, sql from duckdb_tables() "
                "where database_name = ? and schema_name = ? order by table_oid",
                [OLD, AUDIT_SCHEMA],
            ).fetchall()
            for table, ddl in tables:
                con.execute(ddl)  # unqualified by database: lands in the new file
                quoted = '"' + table.replace('"', '""') + '"'
                con.execute(
                    f"insert into {AUDIT_SCHEMA}.{quoted} "
                    f"select * from {OLD}.{AUDIT_SCHEMA}.{quoted}"
                )
            views = con.execute(
                "select view_name, sql from duckdb_views() where database_name = ? "
                "and schema_name = ? and not internal order by view_oid",
                [OLD, AUDIT_SCHEMA],
            ).fetchall()
            for view, ddl in views:
                try:
                    con.execute(ddl)
                except (duckdb.CatalogException, duckdb.BinderException):
                    self.dropped.append(f"{AUDIT_SCHEMA}.{view} (a view of dropped tables)")
        finally:
            con.execute(f"detach {OLD}")

    def _lock_original(self, before: tuple[int, ...]) -> None:
        """Keep the original locked against writers until it is replaced.

        A read-only connection holds DuckDB's shared lock: readers may still
        open the warehouse, but dbt cannot write rows the swap would throw
        away. It is taken only once the copy is done (closing any other
        handle on the file, as copying does, drops a process's locks on it),
        so a writer that slipped in between is detected here instead.
        """
        self._hold = _connect(self.target, read_only=True)
        if _identity(self.target) != before or any(_wal(n).exists() for n in self._names()):
            raise WarehouseError(
                f"warehouse {_name(self.path)} was written by another process while this "
                f"load copied it; nothing was changed, retry when it is done"
            )

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
        error = exc
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
                self._swap()
        except BaseException as err:
            error = err
        finally:
            self._discard()
        if error is not None and _is_disk_full(error):
            raise self._disk_full() from error
        if error is not None and error is not exc:
            raise error

    def _swap(self) -> None:
        """Replace the warehouse with the complete private copy."""
        self.con.execute("checkpoint")
        self.con.close()
        self.con = None
        if self._original is not None:
            # the same file to its users: owner first (chown may clear mode bits)
            st = self._original
            new = self.staging.stat()
            if (new.st_uid, new.st_gid) != (st.st_uid, st.st_gid):
                os.chown(self.staging, st.st_uid, st.st_gid)
            os.chmod(self.staging, stat.S_IMODE(st.st_mode))
        # the log was folded in and the original is locked against writers, so
        # no log can be left to be replayed onto the new file: make sure
        left = [str(_wal(n)) for n in self._names() if _wal(n).exists()]
        if left:
            raise WarehouseError(
                f"warehouse {_name(self.path)} was written by another process during the "
                f"load (its write-ahead log {left[0]!r} appeared); nothing was changed, retry"
            )
        # readers keep the lock shareable, so another bank-seed may have loaded
        # and swapped in its own file meanwhile: replacing it would lose that load
        now = _identity(self.target) if self.target.exists() else None
        if now != self._before:
            raise WarehouseError(
                f"warehouse {_name(self.path)} was replaced by another process (another "
                f"bank-seed?) during this load; this load was not applied, retry"
            )
        os.replace(self.staging, self.target)

    def _discard(self) -> None:
        """Close every connection; remove what is left of the private copy."""
        for con in (self.con, self._hold):  # the lock is released after the swap
            if con is not None:
                with contextlib.suppress(duckdb.Error):
                    con.close()
        self.con = self._hold = None
        for leftover in (self.staging, _wal(self.staging)):
            with contextlib.suppress(FileNotFoundError):
                leftover.unlink()
        shutil.rmtree(f"{self.staging}.tmp", ignore_errors=True)  # DuckDB's spill folder

    def _disk_full(self) -> DiskFullError:
        beside = ""
        if self._original is not None:
            beside = f", beside the current one ({_human(self._original.st_size)}),"
        return DiskFullError(
            f"no space left on device in folder {str(self.target.parent)!r}: a load writes "
            f"the new warehouse there{beside} before it swaps it in; nothing was changed, "
            f"free some space and retry"
        )

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
