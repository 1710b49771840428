"""``bank-publish``: write-audit-publish from the working warehouse to analysts.

dbt and the seeder write the *working* warehouse (``BANK_DUCKDB_PATH``),
which no analyst opens. Once a ``dbt build`` has built and tested it, this
step publishes the analyst-facing relations (every relation of schema
``marts``, views materialised as tables) to the *analyst database*
(``BANK_ANALYTICS_PATH``, default ``warehouse/analytics.duckdb``):

1. **Audit.** The working warehouse's own audit history decides: its latest
   dbt invocation that ran nodes must be a ``build`` in which nothing failed,
   errored or was skipped. Run as ``bank-publish -- dbt build ...`` it also
   runs the build and requires its exit code 0. Otherwise nothing is
   published, the failed nodes are named, the exit code is 1 (or dbt's), and
   the analyst database is left byte for byte as it was.
2. **Publish.** The new version is written to a private file beside the
   analyst database: a copy of the current version in which only what
   changed is rewritten. A relation whose columns, row count and content
   fingerprint (the sum of a 64-bit hash of every row) are unchanged is kept
   as it is; a relation whose model declares ``meta: {publish_partition_by:
   <column>}`` is rewritten partition by partition (a nightly build changes
   a day or two of ``fct_transactions``, not 35); any other changed relation
   is rewritten whole. The file is checkpointed, synced and then swapped in
   with ``os.replace``.

Readers: a connection opened before the swap keeps reading the version it
opened (its file stays alive, unlinked, until the last such connection
closes, and then the operating system frees it: old versions need no
clean-up and at most one per long-lived reader exists); a connection opened
after it sees the new version. Readers never block the publish, and a
publish never blocks readers. A publish killed part-way leaves only its
private file, which the next publish removes.

Schema ``publication`` of the analyst database records every version
(``publication.versions``: when, from which dbt invocation, what changed)
and the fingerprints the next publish compares with.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import json
import os
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from bank_ops.lock import (
    EXIT_BUSY,
    LockBusy,
    LockError,
    WriterLock,
    default_warehouse,
    pid_alive,
)
from bank_ops.settings import SettingError, memory_limit

ANALYTICS_ENV = "BANK_ANALYTICS_PATH"
DEFAULT_ANALYTICS = "warehouse/analytics.duckdb"
PUBLISHED_SCHEMA = "marts"
PUBLICATION = "publication"
PARTITION_META = "publish_partition_by"
PUB = "__published"  # catalog alias of the version being written
NULL_PART = "<null>"
FAILED = ("fail", "error", "runtime error", "skipped")
EXIT_REFUSED = 1


class PublishRefused(RuntimeError):
    """The build did not pass its audit: nothing is published."""


class PublishError(RuntimeError):
    """The publish cannot run as asked (bad path, no build yet)."""


def analytics_path() -> Path:
    return Path(os.environ.get(ANALYTICS_ENV) or DEFAULT_ANALYTICS)


def _q(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _lit(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


# --------------------------------------------------------------------- audit
@dataclass
class Build:
    invocation_id: str
    command: str
    started_at: dt.datetime | None


def audited_build(working: Path, dbt_exit: int | None = None) -> Build:
    """The build to publish, if the working warehouse's audit passes it."""
    if not working.exists():
        raise PublishError(f"working warehouse {str(working)!r} does not exist; build it first")
    con = duckdb.connect(str(working), read_only=True)
    try:
        has_audit = con.execute(
            "select count(*) from information_schema.tables "
            "where table_schema = 'audit' and table_name = 'dbt_invocations'"
        ).fetchone()[0]
        latest = (
            con.execute(
                "select invocation_id, command, started_at, is_success "
                "from audit.dbt_invocations order by started_at desc, completed_at desc "
                "limit 1"
            ).fetchone()
            if has_audit
            else None
        )
        failed = (
            con.execute(
                "select node_name, resource_type, status, failures from audit.dbt_node_results "
                "where invocation_id = ? and status in (" + ", ".join(map(_lit, FAILED)) + ") "
                "order by resource_type, node_name",
                [latest[0]],
            ).fetchall()
            if latest
            else []
        )
    finally:
        con.close()
    if dbt_exit not in (None, 0) and not failed:
        raise PublishRefused(
            f"dbt exited {dbt_exit} before recording its results (see its output above)"
        )
    if latest is None:
        raise PublishRefused(f"{str(working)!r} has no dbt build recorded in schema audit yet")
    invocation_id, command, started_at, is_success = latest
    if failed:
        names = "; ".join(
            f"{resource} {name}: {status}"
            + (f" ({count} failing rows)" if status == "fail" and count is not None else "")
            for name, resource, status, count in failed
        )
        raise PublishRefused(
            f"the build failed: {len(failed)} node(s) did not pass: {names} "
            f"(dbt invocation {invocation_id})"
        )
    if command != "build" or not is_success:
        raise PublishRefused(
            f"the warehouse's latest dbt invocation ({invocation_id}) was `dbt {command}`"
            + ("" if is_success else " and did not succeed")
            + ": only a successful `dbt build` (models and their tests) is published"
        )
    return Build(invocation_id, command, started_at)


# -------------------------------------------------------------------- publish
@dataclass
class Stats:
    version: int = 0
    relations: int = 0
    replaced: list[str] = field(default_factory=list)
    updated: dict[str, tuple[int, int]] = field(default_factory=dict)  # parts changed / all
    unchanged: list[str] = field(default_factory=list)
    dropped: list[str] = field(default_factory=list)
    rows_written: int = 0
    seconds: float = 0.0

    def summary(self) -> str:
        parts = [f"{len(self.replaced)} rewritten"]
        if self.updated:
            upd = ", ".join(f"{n} ({c} of {t} partitions)" for n, (c, t) in self.updated.items())
            parts.append(f"{len(self.updated)} updated: {upd}")
        parts.append(f"{len(self.unchanged)} unchanged")
        if self.dropped:
            parts.append(f"{len(self.dropped)} dropped: {', '.join(self.dropped)}")
        return (
            f"version {self.version}, {self.relations} relations ({'; '.join(parts)}), "
            f"{self.rows_written:,} rows written, {self.seconds:.1f} s"
        )


def partitioning(manifest_path: Path | None) -> dict[str, str]:
    """``relation -> partition column`` from the models' ``meta`` in the manifest."""
    if manifest_path is None or not manifest_path.exists():
        return {}
    nodes = json.loads(manifest_path.read_text()).get("nodes", {})
    out = {}
    for node in nodes.values():
        if node.get("resource_type") != "model" or node.get("schema") != PUBLISHED_SCHEMA:
            continue
        column = (node.get("config", {}).get("meta") or {}).get(PARTITION_META)
        if column:
            out[node.get("alias") or node["name"]] = column
    return out


def _remove_stale(analytics: Path) -> None:
    for stale in analytics.parent.glob(f".{analytics.name}.publishing-*"):
        pid = stale.name.rsplit("-", 1)[-1].split(".")[0]
        if pid.isdigit() and int(pid) != os.getpid() and pid_alive(int(pid)):
            continue
        with contextlib.suppress(OSError):
            stale.unlink()


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _ensure_publication(con: duckdb.DuckDBPyConnection) -> None:
    con.execute(f"create schema if not exists {PUB}.{PUBLICATION}")
    con.execute(f"create schema if not exists {PUB}.{PUBLISHED_SCHEMA}")
    con.execute(
        f"""create table if not exists {PUB}.{PUBLICATION}.versions (
            version integer, published_at timestamp, dbt_invocation_id varchar,
            dbt_build_started_at timestamp, relations integer, rewritten varchar[],
            updated varchar[], unchanged integer, dropped varchar[],
            rows_written bigint, seconds double)"""
    )
    con.execute(
        f"""create table if not exists {PUB}.{PUBLICATION}.relations (
            relation varchar, columns_signature varchar, partition_by varchar,
            row_count bigint, published_version integer)"""
    )
    con.execute(
        f"""create table if not exists {PUB}.{PUBLICATION}.partitions (
            relation varchar, part varchar, row_count bigint, fingerprint hugeint)"""
    )


def _fingerprints(
    con: duckdb.DuckDBPyConnection, rel: str, column: str | None
) -> dict[str | None, tuple[int, int]]:
    # grouped on the column itself, the text form of the ~40 parts made after;
    # a relation published whole is one part, null
    part = f"t.{_q(column)}" if column else "null"
    label = f"coalesce(cast(part as varchar), {_lit(NULL_PART)})" if column else "null"
    rows = con.execute(
        f"select {label}, n, fingerprint from ("
        f"select {part} as part, count(*) as n, coalesce(sum(hash(t)), 0)::hugeint as fingerprint "
        f"from {rel} as t group by all)"
    ).fetchall()
    return {p: (int(n), int(fp)) for p, n, fp in rows}


def publish(
    working: Path,
    analytics: Path,
    build: Build,
    partition_by: dict[str, str] | None = None,
    say=print,
) -> Stats:
    """Write the new version beside ``analytics`` and swap it in."""
    started = time.perf_counter()
    partition_by = partition_by or {}
    analytics = analytics.resolve() if analytics.is_symlink() else analytics
    analytics.parent.mkdir(parents=True, exist_ok=True)
    _remove_stale(analytics)
    tmp = analytics.with_name(f".{analytics.name}.publishing-{os.getpid()}")
    stats = Stats()
    try:
        if analytics.exists():
            shutil.copyfile(analytics, tmp)  # unchanged relations cost a file copy
        con = duckdb.connect(":memory:")
        try:
            limit = memory_limit()
            if limit:
                con.execute(f"set memory_limit = {_lit(limit)}")
            # Writing is compressing: DuckDB tries every method on every
            # column segment. FSST (string compression) costs about 12 % of
            # the time of writing the marts and saves 1 % of the file: their
            # text columns are low-cardinality codes that dictionary
            # compression already packs (L tier: 14.7 s instead of 16.7 s
            # for the three largest marts; 0.833 GB instead of 0.830 GB).
            con.execute("set disabled_compression_methods = 'fsst'")
            try:
                con.execute(f"attach {_lit(str(tmp))} as {PUB}")
            except duckdb.Error as exc:  # a damaged analyst database: start a new one
                say(
                    f"bank-publish: {analytics} cannot be opened "
                    f"({str(exc).splitlines()[0]}); publishing a new one from scratch"
                )
                tmp.unlink()
                con.execute(f"attach {_lit(str(tmp))} as {PUB}")
            # the working file keeps its own catalog name (its file stem): the
            # views dbt built in it name that catalog
            con.execute(f"attach {_lit(str(working))} as {_q(working.stem)} (read_only)")
            _copy(con, working.stem, build, partition_by, stats, say)
            stats.seconds = time.perf_counter() - started
            con.execute(
                f"update {PUB}.{PUBLICATION}.versions set seconds = ? where version = ?",
                [stats.seconds, stats.version],
            )
            con.execute(f"checkpoint {PUB}")
        finally:
            con.close()
        _fsync(tmp)
        orphan = analytics.with_name(analytics.name + ".wal")
        if orphan.exists():  # someone wrote to the analyst database: not replayed on this one
            orphan.rename(orphan.with_name(f"{orphan.name}.orphaned-{int(time.time())}"))
            say(f"bank-publish: moved aside {orphan.name}: the analyst database is read-only")
        os.replace(tmp, analytics)
        _fsync(analytics.parent)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        with contextlib.suppress(OSError):
            tmp.with_name(tmp.name + ".wal").unlink()
        raise
    stats.seconds = time.perf_counter() - started
    return stats


def _copy(con, catalog: str, build: Build, partition_by: dict[str, str], stats: Stats, say) -> None:
    _ensure_publication(con)
    src = _q(catalog)
    pub_rel = f"{PUB}.{PUBLICATION}"
    relations = [
        r[0]
        for r in con.execute(
            "select table_name from information_schema.tables "
            "where table_catalog = ? and table_schema = ? order by table_name",
            [catalog, PUBLISHED_SCHEMA],
        ).fetchall()
    ]
    if not relations:
        raise PublishError(f"the working warehouse has no relation in schema {PUBLISHED_SCHEMA}")
    previous = {
        rel: (sig, part)
        for rel, sig, part in con.execute(
            f"select relation, columns_signature, partition_by from {pub_rel}.relations"
        ).fetchall()
    }
    published = {
        r[0]
        for r in con.execute(
            f"select table_name from information_schema.tables "
            f"where table_catalog = {_lit(PUB)} and table_schema = ?",
            [PUBLISHED_SCHEMA],
        ).fetchall()
    }
    version = con.execute(
        f"select coalesce(max(version), 0) + 1 from {pub_rel}.versions"
    ).fetchone()
    stats.version, stats.relations = int(version[0]), len(relations)
    for rel in relations:
        source = f"{src}.{PUBLISHED_SCHEMA}.{_q(rel)}"
        target = f"{PUB}.{PUBLISHED_SCHEMA}.{_q(rel)}"
        signature = json.dumps(
            con.execute(
                "select column_name, data_type from information_schema.columns "
                "where table_catalog = ? and table_schema = ? and table_name = ? "
                "order by ordinal_position",
                [catalog, PUBLISHED_SCHEMA, rel],
            ).fetchall()
        )
        column = partition_by.get(rel)
        if column and column not in {c for c, _ in json.loads(signature)}:
            raise PublishError(f"{rel}: meta {PARTITION_META} names no column {column!r}")
        new = _fingerprints(con, source, column)
        old = {
            part: (int(n), int(fp))
            for part, n, fp in con.execute(
                f"select part, row_count, fingerprint from {pub_rel}.partitions where relation = ?",
                [rel],
            ).fetchall()
        }
        same_shape = rel in published and previous.get(rel) == (signature, column)
        changed = [p for p in new.keys() | old.keys() if new.get(p) != old.get(p)]
        if same_shape and not changed:
            stats.unchanged.append(rel)
            continue
        if same_shape and column and len(changed) < len(new):
            con.execute("create or replace temp table publish_parts (part varchar)")
            con.executemany("insert into publish_parts values (?)", [[p] for p in changed])
            key = f"coalesce(cast({_q(column)} as varchar), {_lit(NULL_PART)})"
            con.execute(f"delete from {target} where {key} in (select part from publish_parts)")
            written = con.execute(
                f"insert into {target} select * from {source} "
                f"where {key} in (select part from publish_parts)"
            ).fetchone()[0]
            stats.updated[rel] = (len(changed), len(new))
        else:
            con.execute(f"create or replace table {target} as select * from {source}")
            written = sum(n for n, _ in new.values())
            stats.replaced.append(rel)
        stats.rows_written += int(written)
        con.execute(f"delete from {pub_rel}.partitions where relation = ?", [rel])
        # one statement, not one per part (fingerprints as text: a HUGEINT
        # does not survive a Python list parameter)
        parts = list(new.items())
        con.execute(
            f"insert into {pub_rel}.partitions select ?, unnest(?::varchar[]), "
            "unnest(?::bigint[]), unnest(?::varchar[])::hugeint",
            [
                rel,
                [p for p, _ in parts],
                [n for _, (n, _) in parts],
                [str(fp) for _, (_, fp) in parts],
            ],
        )
        con.execute(f"delete from {pub_rel}.relations where relation = ?", [rel])
        con.execute(
            f"insert into {pub_rel}.relations values (?, ?, ?, ?, ?)",
            [rel, signature, column, sum(n for n, _ in new.values()), stats.version],
        )
    for rel in sorted(published - set(relations)):
        con.execute(f"drop table if exists {PUB}.{PUBLISHED_SCHEMA}.{_q(rel)}")
        con.execute(f"drop view if exists {PUB}.{PUBLISHED_SCHEMA}.{_q(rel)}")
        con.execute(f"delete from {pub_rel}.partitions where relation = ?", [rel])
        con.execute(f"delete from {pub_rel}.relations where relation = ?", [rel])
        stats.dropped.append(rel)
    con.execute(
        f"insert into {pub_rel}.versions values "
        "(?, current_localtimestamp(), ?, ?, ?, ?, ?, ?, ?, ?, null)",
        [
            stats.version,
            build.invocation_id,
            build.started_at,
            stats.relations,
            stats.replaced,
            list(stats.updated),
            len(stats.unchanged),
            stats.dropped,
            stats.rows_written,
        ],
    )


# ------------------------------------------------------------------------ cli
def _target_path(command: list[str]) -> Path:
    for i, arg in enumerate(command):
        if arg == "--target-path" and i + 1 < len(command):
            return Path(command[i + 1])
        if arg.startswith("--target-path="):
            return Path(arg.split("=", 1)[1])
    return Path(os.environ.get("DBT_TARGET_PATH") or "target")


def _last_good(analytics: Path) -> str:
    if not analytics.exists():
        return "there is no analyst database yet"
    try:
        con = duckdb.connect(str(analytics), read_only=True)
        try:
            row = con.execute(
                f"select version, published_at from {PUBLICATION}.versions "
                "order by version desc limit 1"
            ).fetchone()
        finally:
            con.close()
    except duckdb.Error:
        row = None
    if row is None:
        return f"{analytics} is unchanged"
    return f"analysts keep version {row[0]} of {analytics}, published {row[1]:%Y-%m-%d %H:%M:%S}"


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="bank-publish",
        description="Publish the marts of a built and tested working warehouse to the "
        "analyst database, atomically. With `-- dbt build ...`, run that build first "
        "(holding the writer lock throughout) and publish only if it passes.",
    )
    parser.add_argument("--db", help="working warehouse (default: $BANK_DUCKDB_PATH)")
    parser.add_argument(
        "--analytics", help=f"analyst database (default: ${ANALYTICS_ENV} or {DEFAULT_ANALYTICS})"
    )
    parser.add_argument(
        "--manifest",
        help="dbt manifest with the models' meta (default: <dbt target path>/manifest.json)",
    )
    parser.add_argument("-q", "--quiet", action="store_true")
    parser.add_argument("command", nargs=argparse.REMAINDER, help="-- dbt build [ARGS...]")
    return parser


def run(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    memory_limit()  # a bad BANK_DUCKDB_MEMORY_LIMIT stops here, before any work
    command = args.command[1:] if args.command[:1] == ["--"] else args.command
    working = Path(args.db or default_warehouse())
    analytics = Path(args.analytics) if args.analytics else analytics_path()
    if analytics.resolve() == working.resolve():
        raise PublishError(
            f"the analyst database and the working warehouse are the same file "
            f"({str(working)!r}); set {ANALYTICS_ENV} to another path"
        )
    what = "bank-publish" + (" -- " + " ".join(command) if command else "")
    with WriterLock(working, what) as lock:
        dbt_exit = None
        if command:
            dbt_exit = subprocess.run(command, pass_fds=lock.hand_down()).returncode
        try:
            build = audited_build(working, dbt_exit)
        except PublishRefused as exc:
            print(f"bank-publish: not published: {exc}; {_last_good(analytics)}", file=sys.stderr)
            return dbt_exit or EXIT_REFUSED
        manifest = Path(args.manifest) if args.manifest else _target_path(command) / "manifest.json"
        stats = publish(working, analytics, build, partitioning(manifest))
    if not args.quiet:
        print(f"bank-publish: published {analytics}: {stats.summary()}", file=sys.stderr)
    return 0


def main(argv: list[str] | None = None) -> None:
    try:
        code = run(argv)
    except LockBusy as exc:
        print(f"bank-publish: {exc}", file=sys.stderr)
        code = EXIT_BUSY
    except (PublishError, LockError, SettingError) as exc:
        print(f"bank-publish: error: {exc}", file=sys.stderr)
        code = 2
    except duckdb.Error as exc:
        first = str(exc).splitlines()[0]
        print(f"bank-publish: error: {first}; nothing published", file=sys.stderr)
        code = 1
    except KeyboardInterrupt:
        print("bank-publish: interrupted; the analyst database is unchanged", file=sys.stderr)
        code = 130
    sys.exit(code)
