"""The writer lock (bank_ops.lock): one writer at a time, never a stale lock.

Each test holds the lock from a separate process (``bank-lock -- sleep``),
as a real second writer would, and checks what the next writer does.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import REPO

from bank_ops.lock import EXIT_BUSY, LockBusy, LockError, WriterLock, lock_path

BIN = Path(sys.executable).parent


@contextlib.contextmanager
def holding(db: Path, seconds: float = 30) -> Iterator[subprocess.Popen]:
    """A process holding ``db``'s writer lock, killed at the end."""
    holder = hold(db, seconds)
    try:
        yield holder
    finally:
        holder.kill()
        holder.wait()


def hold(db: Path, seconds: float) -> subprocess.Popen:
    """A process holding ``db``'s writer lock for ``seconds``, once it has it."""
    proc = subprocess.Popen(
        [str(BIN / "bank-lock"), "--db", str(db), "--", "sleep", str(seconds)],
        cwd=REPO,
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        text = lock_path(db).read_text() if lock_path(db).exists() else ""
        if text.strip() and json.loads(text)["pid"] == proc.pid:
            return proc
        time.sleep(0.05)
    proc.kill()
    raise AssertionError("bank-lock never took the lock")


def test_a_second_writer_that_will_not_wait_is_told_who_writes(tmp_path):
    db = tmp_path / "bank.duckdb"
    with holding(db) as holder, pytest.raises(LockBusy) as err:
        WriterLock(db, "second", timeout=0).acquire()
    message = str(err.value)
    assert f"pid {holder.pid}" in message and "sleep 30" in message
    assert "nothing was done" in message


def test_a_second_writer_waits_with_progress_then_runs(tmp_path):
    db = tmp_path / "bank.duckdb"
    holder = hold(db, 1.5)
    said: list[str] = []
    started = time.monotonic()
    with WriterLock(db, "second", timeout=30, say=said.append) as lock:
        waited = time.monotonic() - started
        assert lock.fd is not None
        record = json.loads(lock_path(db).read_text())
        assert record["pid"] == os.getpid() and record["command"] == "second"
    holder.wait()
    assert waited >= 0.5, "took the lock while the first writer held it"
    assert said and "waiting for pid" in said[0] and "sleep 1.5" in said[0]
    assert not lock_path(db).exists(), "a released lock leaves no file behind"


def test_the_timeout_gives_up_with_the_busy_exit_code(tmp_path):
    db = tmp_path / "bank.duckdb"
    with holding(db) as holder:
        result = subprocess.run(
            [str(BIN / "bank-lock"), "--db", str(db), "--", "true"],
            capture_output=True,
            text=True,
            env={**os.environ, "BANK_LOCK_TIMEOUT": "0.5"},
        )
    assert result.returncode == EXIT_BUSY, result.stderr
    assert "gave up after waiting" in result.stderr and f"pid {holder.pid}" in result.stderr


def test_a_killed_holder_leaves_no_lock_and_its_record_is_reported_stale(tmp_path):
    db = tmp_path / "bank.duckdb"
    holder = hold(db, 60)
    holder.kill()  # SIGKILL: no clean-up runs
    holder.wait()
    said: list[str] = []
    with WriterLock(db, "next", timeout=0, say=said.append):
        pass
    assert said == [
        f"writer lock: cleared a stale lock of pid {holder.pid} on {os.uname().nodename} "
        f"(sleep 60), since {said[0].split('since ')[1].split(',')[0]}, which ended"
    ]


def test_steps_under_bank_lock_share_its_lock_and_outsiders_wait(tmp_path):
    """``bank-lock -- job``: the job's steps take the inherited lock; nobody else can."""
    db = tmp_path / "bank.duckdb"
    step = (
        "import sys; from bank_ops.lock import WriterLock; "
        f"l = WriterLock({str(db)!r}, 'step', timeout=0).acquire(); "
        "print('inherited' if l.inherited else 'own'); l.release()"
    )
    job = f'{sys.executable} -c "{step}" && {sys.executable} -c "{step}" && sleep 30'
    proc = subprocess.Popen(
        [str(BIN / "bank-lock"), "--db", str(db), "--", "bash", "-c", job],
        stdout=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    try:
        lines = [proc.stdout.readline().strip() for _ in range(2)]
        assert lines == ["inherited", "inherited"]
        with pytest.raises(LockBusy):
            WriterLock(db, "outsider", timeout=0).acquire()
    finally:
        os.killpg(proc.pid, signal.SIGKILL)  # the job and its sleep, which holds the lock too
        proc.wait()
    # a descriptor that is not the lock file is not mistaken for it
    other = os.open(tmp_path / "other", os.O_RDWR | os.O_CREAT)
    os.environ["BANK_WRITER_LOCK_FD"] = str(other)
    try:
        # (the killed job's sleep, not our child, may take a moment to exit)
        lock = WriterLock(db, "own", timeout=10).acquire()
        assert not lock.inherited
        lock.release()
    finally:
        del os.environ["BANK_WRITER_LOCK_FD"]
        os.close(other)


@pytest.mark.parametrize("value", ["soon", "-1", "nan"])
def test_a_bad_timeout_is_named(tmp_path, monkeypatch, value):
    monkeypatch.setenv("BANK_LOCK_TIMEOUT", value)
    with pytest.raises(LockError, match=f"BANK_LOCK_TIMEOUT='{value}'"):
        WriterLock(tmp_path / "bank.duckdb", "x")


def test_an_in_memory_warehouse_takes_no_lock(tmp_path):
    assert lock_path(":memory:") is None
    with WriterLock(":memory:", "x", timeout=0) as lock:
        assert lock.fd is None


def test_a_folder_that_cannot_hold_the_lock_is_named(tmp_path):
    blocker = tmp_path / "not_a_folder"
    blocker.write_text("a file")
    with pytest.raises(LockError, match="not_a_folder' is not writable"):
        WriterLock(blocker / "bank.duckdb", "x", timeout=0).acquire()


def test_a_waiter_whose_file_was_removed_by_the_releasing_holder_locks_the_new_one(tmp_path):
    """The holder removes the lock file as it releases it; a writer that had
    opened the old file must not think it holds the lock through it."""
    db = tmp_path / "bank.duckdb"
    first = WriterLock(db, "first", timeout=0).acquire()
    stale_fd = os.open(lock_path(db), os.O_RDWR)  # a waiter's open file
    first.release()
    assert not lock_path(db).exists()
    second = WriterLock(db, "second", timeout=0).acquire()  # creates a new file
    try:
        fcntl.flock(stale_fd, fcntl.LOCK_EX | fcntl.LOCK_NB)  # the old inode is free...
        waiter = WriterLock(db, "third", timeout=0)
        assert not waiter._current(stale_fd)  # ...and recognised as not the lock
        with pytest.raises(LockBusy):
            waiter.acquire()
    finally:
        os.close(stale_fd)
        second.release()


def test_a_linked_warehouse_is_locked_at_its_target(tmp_path):
    target = tmp_path / "real" / "bank.duckdb"
    target.parent.mkdir()
    link = tmp_path / "bank.duckdb"
    link.symlink_to(target)
    assert lock_path(link) == target.with_name("bank.duckdb.lock")
