"""Landing raw tables into the DuckDB warehouse, atomically.

A load never writes to the warehouse file in place. It works on a private
copy beside it (same folder, same file system), and only a complete,
committed and checkpointed copy replaces the original, with ``os.replace``.
A load that fails or is killed leaves the original byte-for-byte as it was.
Schemas other than ``raw`` and ``meta`` (dbt's models, audit history) are
carried over untouched.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import shutil
from pathlib import Path

import duckdb
import pyarrow as pa

from seeds_generator.contract import CONTRACT_VERSION, RAW_SCHEMA, RAW_TABLES, create_table_sql

DEFAULT_PATH = "warehouse/bank.duckdb"
META_SCHEMA = "meta"


class WarehouseError(RuntimeError):
    """The warehouse cannot be written as asked (exit code 2)."""


def default_path() -> Path:
    return Path(os.environ.get("BANK_DUCKDB_PATH") or DEFAULT_PATH)


def _staging_path(path: Path) -> Path:
    return path.with_name(f".{path.name}.loading-{os.getpid()}")


def _remove_stale(path: Path) -> None:
    """Remove partial copies left by killed loads (their process is gone)."""
    for stale in path.parent.glob(f".{path.name}.loading-*"):
        pid = stale.name.rsplit("-", 1)[-1].split(".")[0]
        if pid.isdigit() and int(pid) != os.getpid() and not _alive(int(pid)):
            stale.unlink(missing_ok=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def check_writable(path: Path) -> None:
    """Fail early, before any work, if the load could not land at ``path``."""
    folder = path.parent if str(path.parent) else Path(".")
    if path.exists() and path.is_dir():
        raise WarehouseError(f"warehouse path {str(path)!r} is a directory, not a file")
    probe_dir = folder
    while not probe_dir.exists():
        probe_dir = probe_dir.parent
    if not os.access(probe_dir, os.W_OK):
        raise WarehouseError(f"warehouse folder {str(folder)!r} is not writable")
    if path.exists():
        read_metadata(path)  # raises when locked or of another contract version


def read_metadata(path: Path) -> list[dict]:
    """Earlier loads recorded in ``meta.seeder_loads`` (empty for a new file)."""
    if not path.exists():
        return []
    try:
        con = duckdb.connect(str(path), read_only=True)
    except duckdb.Error as exc:
        msg = str(exc).splitlines()[0]
        if "lock" in msg.lower():
            raise WarehouseError(
                f"warehouse {str(path)!r} is locked by another process (dbt, a notebook or "
                f"a report build?); close it and retry. DuckDB said: {msg}"
            ) from exc
        raise WarehouseError(f"cannot open warehouse {str(path)!r}: {msg}") from exc
    try:
        exists = con.execute(
            "select count(*) from information_schema.tables "
            "where table_schema = ? and table_name = 'seeder_loads'",
            [META_SCHEMA],
        ).fetchone()[0]
        if not exists:
            return []
        cur = con.execute(f"select * from {META_SCHEMA}.seeder_loads order by batch_id")
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


def land(path: Path, tables: dict[str, pa.Table], load: dict) -> None:
    """Replace schema ``raw`` of ``path`` with ``tables`` and record the load."""
    path.parent.mkdir(parents=True, exist_ok=True)
    _remove_stale(path)
    staging = _staging_path(path)
    try:
        if path.exists():
            shutil.copyfile(path, staging)
            wal = Path(f"{path}.wal")
            if wal.exists():
                shutil.copyfile(wal, Path(f"{staging}.wal"))
        _write(staging, tables, load)
        os.replace(staging, path)
    finally:
        for leftover in (staging, Path(f"{staging}.wal")):
            with contextlib.suppress(FileNotFoundError):
                leftover.unlink()


def _write(target: Path, tables: dict[str, pa.Table], load: dict) -> None:
    con = duckdb.connect(str(target))
    try:
        con.execute("begin transaction")
        con.execute(f"drop schema if exists {RAW_SCHEMA} cascade")
        con.execute(f"create schema {RAW_SCHEMA}")
        for name in RAW_TABLES:
            con.execute(create_table_sql(name))
            arrow = tables[name]  # noqa: F841 - read by DuckDB's replacement scan
            cols = ", ".join(f"cast({c} as {t})" for c, t in RAW_TABLES[name])
            con.execute(f"insert into {RAW_SCHEMA}.{name} select {cols} from arrow")
        con.execute(f"create schema if not exists {META_SCHEMA}")
        con.execute(
            f"""create table if not exists {META_SCHEMA}.seeder_loads (
                batch_id integer, loaded_at timestamp, contract_version integer,
                scenario varchar, seed bigint, start_date date, days integer,
                customers integer, transactions bigint, command varchar)"""
        )
        con.execute(f"delete from {META_SCHEMA}.seeder_loads")
        con.execute(
            f"insert into {META_SCHEMA}.seeder_loads values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                load["batch_id"],
                load["loaded_at"],
                CONTRACT_VERSION,
                load["scenario"],
                load["seed"],
                load["start_date"],
                load["days"],
                load["customers"],
                load["transactions"],
                load["command"],
            ],
        )
        con.execute("commit")
        con.execute("checkpoint")
    finally:
        con.close()


def now_local() -> dt.datetime:
    """Current Vietnam local time (UTC+7), naive, to the second."""
    vn = dt.timezone(dt.timedelta(hours=7))
    return dt.datetime.now(vn).replace(tzinfo=None, microsecond=0)
