"""The seeder's write path under faults (issue 25, defects 1, 5, 6 and 8).

A load swaps a private copy in for the warehouse. These tests reproduce what
went wrong with that on the earlier main: a stale write-ahead log replayed
onto the swapped-in file, the file's mode, owner and symlink lost, a
read-only file replaced, a full disk ending in a traceback and a leftover,
load stamps allowed to go back.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import shutil
import signal
import stat
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest
from conftest import PINNED_LOAD, query, run_seed

from seeds_generator.warehouse import Load, WarehouseError

ROOT = os.geteuid() == 0


@pytest.fixture(scope="module")
def tiny_db(tmp_path_factory) -> Path:
    """50 customers over 2 days, loaded once for this module (copied per test)."""
    path = tmp_path_factory.mktemp("tiny") / "bank.duckdb"
    result = run_seed(
        "--db", str(path), "--customers", "50", "--days", "2", "--loaded-at", PINNED_LOAD
    )
    assert result.returncode == 0, result.stderr
    return path


@pytest.fixture()
def db(tmp_path, tiny_db) -> Path:
    path = tmp_path / "bank.duckdb"
    shutil.copyfile(tiny_db, path)
    return path


def append(db: Path, *args: str) -> subprocess.CompletedProcess:
    return run_seed("--db", str(db), "--append-days", "1", "--loaded-at", PINNED_LOAD, *args)


def load_again(db: Path, fresh: bool) -> subprocess.CompletedProcess:
    """A fresh load of a smaller bank over ``db``, or an append of a day."""
    if not fresh:
        return append(db)
    return run_seed("--db", str(db), "--customers", "10", "--days", "1", "--loaded-at", PINNED_LOAD)


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def leftovers(*folders: Path) -> list[str]:
    """Private copies (and their logs or spill folders) a load left behind."""
    return sorted(p.name for folder in folders for p in folder.glob(".*.loading-*"))


def one_line_error(result: subprocess.CompletedProcess) -> str:
    """stderr of a --quiet run that failed: exactly one line, no traceback."""
    lines = result.stderr.strip().splitlines()
    assert "Traceback" not in result.stderr, result.stderr
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("bank-seed: error: ")
    return lines[0]


def apart(con: duckdb.DuckDBPyConnection, a: str, b: str) -> tuple[int, int]:
    """Rows only in query ``a`` and only in query ``b`` (EXCEPT ALL both ways)."""
    only_a = con.execute(f"select count(*) from (({a}) except all ({b}))").fetchone()[0]
    only_b = con.execute(f"select count(*) from (({b}) except all ({a}))").fetchone()[0]
    return only_a, only_b


def killed_writer(db: Path, sql: str) -> None:
    """What a killed dbt build leaves: ``sql`` committed into ``<db>.wal``
    (no checkpoint, as the profile's checkpoint_threshold of 1GB allows), the
    process gone without closing the warehouse."""
    code = (
        "import duckdb, os, signal, sys\n"
        "c = duckdb.connect(sys.argv[1])\n"
        "c.execute(\"set checkpoint_threshold = '1GB'\")\n"
        "c.execute(sys.argv[2])\n"
        "os.kill(os.getpid(), signal.SIGKILL)\n"
    )
    done = subprocess.run([sys.executable, "-c", code, str(db), sql], capture_output=True)
    assert done.returncode == -signal.SIGKILL, done.stderr
    assert Path(f"{db}.wal").exists(), "the killed writer left no write-ahead log"


# ---------------------------------------------------------------------------
# defect 1: a stale write-ahead log


def test_a_stale_wal_is_folded_in_once_not_replayed(tmp_path, db):
    before = tmp_path / "before.duckdb"
    shutil.copyfile(db, before)
    killed_writer(
        db, "insert into raw.banks select * replace (bank_id + 1000 as bank_id) from raw.banks"
    )

    result = append(db)
    assert result.returncode == 0, result.stderr
    assert not Path(f"{db}.wal").exists()
    assert leftovers(tmp_path) == []

    con = duckdb.connect()
    try:
        con.execute(f"attach '{db}' as after (read_only)")
        con.execute(f"attach '{before}' as before (read_only)")
        total, distinct = con.execute(
            "select count(*), count(distinct bank_id) from after.raw.banks"
        ).fetchone()
        (original,) = con.execute("select count(*) from before.raw.banks").fetchone()
        # the killed process committed its insert: its rows are there, once
        assert (total, distinct) == (2 * original, 2 * original)
        expected = (
            "select * from before.raw.banks union all "
            "select * replace (bank_id + 1000 as bank_id) from before.raw.banks"
        )
        assert apart(con, expected, "select * from after.raw.banks") == (0, 0)
        # and the first load's events are the same rows, not replayed either
        for table in ("payment_transactions", "authentication_logs", "login_events"):
            first = f"select * from {{}}.raw.{table} where _batch_id = 1"
            assert apart(con, first.format("before"), first.format("after")) == (0, 0), table
    finally:
        con.close()
    # the next open replays nothing: the counts hold a second time
    assert query(db, "select count(*) from raw.banks") == [(2 * original,)]


def test_a_stale_wal_holding_ddl_leaves_a_warehouse_that_opens(tmp_path, db):
    killed_writer(db, "create schema marts; create table marts.t as select 1 as x")
    result = append(db)
    assert result.returncode == 0, result.stderr
    assert not Path(f"{db}.wal").exists()
    # on the earlier main: "Schema with name marts already exists!" on open
    assert query(db, "select x from marts.t") == [(1,)]
    assert query(db, "select max(batch_id) from meta.seeder_loads") == [(2,)]


# ---------------------------------------------------------------------------
# defect 5: the swapped-in file is the same file


@pytest.mark.skipif(not ROOT, reason="giving a file to another user needs root")
@pytest.mark.parametrize("fresh", [False, True], ids=["append", "fresh"])
def test_mode_and_owner_are_kept(db, fresh):
    os.chown(db, 1234, 1234)
    os.chmod(db, 0o600)
    result = load_again(db, fresh)
    assert result.returncode == 0, result.stderr
    st = db.stat()
    assert stat.S_IMODE(st.st_mode) == 0o600
    assert (st.st_uid, st.st_gid) == (1234, 1234)
    assert query(db, "select max(batch_id) from meta.seeder_loads") == [(1 if fresh else 2,)]


def test_a_symlinked_warehouse_stays_a_link_to_its_updated_target(tmp_path, tiny_db):
    real_dir, link_dir = tmp_path / "real", tmp_path / "link"
    real_dir.mkdir()
    link_dir.mkdir()
    target, link = real_dir / "bank.duckdb", link_dir / "bank.duckdb"
    shutil.copyfile(tiny_db, target)
    link.symlink_to(target)
    count = "select count(*) from raw.payment_transactions"
    (before,) = query(target, count)[0]

    result = append(link)
    assert result.returncode == 0, result.stderr
    assert link.is_symlink() and Path(os.readlink(link)) == target
    (after,) = query(target, count)[0]
    assert after > before
    assert query(target, "select max(batch_id) from meta.seeder_loads") == [(2,)]
    assert leftovers(real_dir, link_dir) == []
    assert sorted(p.name for p in real_dir.iterdir()) == ["bank.duckdb"]
    assert sorted(p.name for p in link_dir.iterdir()) == ["bank.duckdb"]


@pytest.mark.parametrize("fresh", [False, True], ids=["append", "fresh"])
def test_a_read_only_warehouse_is_refused(db, fresh):
    os.chmod(db, 0o444)
    before = sha(db)
    result = load_again(db, fresh)
    assert result.returncode == 2
    line = one_line_error(result)
    assert str(db) in line and "read-only" in line
    assert sha(db) == before
    assert stat.S_IMODE(db.stat().st_mode) == 0o444


def test_a_warehouse_replaced_during_a_load_is_not_overwritten(tmp_path, db):
    # another bank-seed may swap in its own load meanwhile (readers share the lock)
    other = tmp_path / "other.duckdb"
    shutil.copyfile(db, other)
    with duckdb.connect(str(other)) as con:
        con.execute("create table main.other_load as select 1 as x")
    theirs = sha(other)
    with pytest.raises(WarehouseError, match="replaced by another process"):  # noqa: SIM117
        with Load(db, fresh=False):
            os.replace(other, db)
    assert sha(db) == theirs
    assert leftovers(tmp_path) == []


# ---------------------------------------------------------------------------
# defect 6: a full disk


@pytest.fixture()
def small_disk(tmp_path):
    """A mount point factory: ``small_disk(bytes)`` mounts a tmpfs of that size."""
    mounts: list[Path] = []

    def mount(size: int) -> Path:
        if not ROOT:
            pytest.skip("mounting a small file system needs root")
        folder = tmp_path / f"disk{len(mounts)}"
        folder.mkdir()
        done = subprocess.run(
            ["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(folder)],
            capture_output=True,
            text=True,
        )
        if done.returncode != 0:
            pytest.skip(f"cannot mount a tmpfs here: {done.stderr.strip()}")
        mounts.append(folder)
        return folder

    yield mount
    for folder in mounts:
        subprocess.run(["umount", str(folder)], capture_output=True)


def _page_up(size: int) -> int:
    return (size + 4095) // 4096 * 4096


def test_a_disk_too_small_for_the_copy_fails_cleanly(tiny_db, small_disk):
    folder = small_disk(_page_up(tiny_db.stat().st_size) + 64 * 1024)
    db = folder / "bank.duckdb"
    shutil.copyfile(tiny_db, db)
    before = sha(db)
    result = append(db)
    assert result.returncode == 1
    line = one_line_error(result)
    assert "no space left" in line and str(folder) in line and "nothing was changed" in line
    assert leftovers(folder) == []
    assert sorted(p.name for p in folder.iterdir()) == ["bank.duckdb"]
    assert sha(db) == before


def test_a_disk_that_fills_up_during_the_load_fails_cleanly(tiny_db, small_disk):
    # the copy fits; the rows of twenty more days do not
    folder = small_disk(2 * _page_up(tiny_db.stat().st_size) + 64 * 1024)
    db = folder / "bank.duckdb"
    shutil.copyfile(tiny_db, db)
    before = sha(db)
    result = run_seed("--db", str(db), "--append-days", "20", "--loaded-at", PINNED_LOAD)
    assert result.returncode == 1
    line = one_line_error(result)
    assert "no space left" in line and "nothing was changed" in line
    assert leftovers(folder) == []
    assert sorted(p.name for p in folder.iterdir()) == ["bank.duckdb"]
    assert sha(db) == before
    # and once space is back, the same load goes through
    shutil.copyfile(db, folder.parent / "roomy.duckdb")
    retry = run_seed(
        "--db",
        str(folder.parent / "roomy.duckdb"),
        "--append-days",
        "20",
        "--loaded-at",
        PINNED_LOAD,
    )
    assert retry.returncode == 0, retry.stderr


# ---------------------------------------------------------------------------
# defect 8: load stamps do not go back


def test_an_append_stamped_before_the_last_load_is_refused(db):
    before = sha(db)
    result = run_seed("--db", str(db), "--append-days", "1", "--loaded-at", "2026-11-01T05:59:59")
    assert result.returncode == 2
    line = one_line_error(result)
    assert "2026-11-01T05:59:59" in line and "2026-11-01T06:00:00" in line
    assert sha(db) == before

    # SOURCE_DATE_EPOCH is seconds in UTC; the stamps are Vietnam time (UTC+7)
    noon = dt.datetime(2026, 11, 1, 5, 0, tzinfo=dt.UTC)  # 12:00 in Vietnam
    later = {"SOURCE_DATE_EPOCH": str(int(noon.timestamp()))}
    assert run_seed("--db", str(db), "--append-days", "1", env=later).returncode == 0
    earlier = {"SOURCE_DATE_EPOCH": str(int(noon.timestamp()) - 3_600)}
    result = run_seed("--db", str(db), "--append-days", "1", env=earlier)
    assert result.returncode == 2
    line = one_line_error(result)
    assert "SOURCE_DATE_EPOCH" in line
    assert "2026-11-01T11:00:00" in line and "2026-11-01T12:00:00" in line


def test_an_append_with_the_same_stamp_is_allowed(db):
    result = append(db)  # the same --loaded-at as the first load
    assert result.returncode == 0, result.stderr
    stamps = query(db, "select batch_id, loaded_at::varchar from meta.seeder_loads order by 1")
    assert stamps == [(1, "2026-11-01 06:00:00"), (2, "2026-11-01 06:00:00")]


def test_a_fresh_load_may_restart_the_stamps(db):
    # a fresh load replaces the bank and drops dbt's incremental state with it
    args = ("--customers", "10", "--days", "1", "--loaded-at", "2026-10-15T06:00:00")
    result = run_seed("--db", str(db), *args)
    assert result.returncode == 0, result.stderr
    stamps = query(db, "select batch_id, loaded_at::varchar from meta.seeder_loads")
    assert stamps == [(1, "2026-10-15 06:00:00")]
