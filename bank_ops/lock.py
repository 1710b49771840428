"""One writer at a time on the working warehouse.

DuckDB lets one process write a file only while no other process has it
open, and a process that opens it second simply fails. That is no way to
order a nightly job, a backfill and a developer's ``dbt run``: a load could
be swapped in under a running dbt build (which then loses its work and
still exits 0), or two loads could each copy the same warehouse and the
second to finish would drop the first one's days. So every process that
writes the working warehouse first takes this lock:

- ``bank-seed`` (for the whole load, from reading the warehouse's history to
  the swap),
- dbt on the working warehouse (the dbt-duckdb plugin
  :mod:`bank_ops.dbt_plugin`, before it opens the file),
- ``bank-publish`` (while it reads the built relations).

The lock is an advisory ``flock`` on ``<warehouse>.lock`` beside the file
(the symlink's target for a linked warehouse). The kernel releases it when
its holder exits, however it exits, so a killed process never leaves a lock
behind: its record in the file is recognised as stale, reported and
overwritten by the next writer. A second writer waits, saying who holds the
lock, for up to ``BANK_LOCK_TIMEOUT`` seconds (default 1800; 0 means do not
wait), then exits with :data:`EXIT_BUSY` naming the holder, having done
nothing.

A job of several steps (``make daily``: load, build, publish) holds the lock
from start to end with ``bank-lock -- <command>``: the command and its
children inherit the locked file (``BANK_WRITER_LOCK_FD``), and each step's
own acquisition recognises it, so no other writer can slip in between.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import fcntl
import json
import os
import socket
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

LOCK_FD_ENV = "BANK_WRITER_LOCK_FD"
TIMEOUT_ENV = "BANK_LOCK_TIMEOUT"
DEFAULT_TIMEOUT_S = 1800.0
PROGRESS_EVERY_S = 30.0
EXIT_BUSY = 75  # EX_TEMPFAIL: try again later; nothing was done


class LockBusy(RuntimeError):
    """Another writer held the lock for longer than the timeout."""


class LockError(RuntimeError):
    """The lock cannot be taken at all (bad timeout, unwritable folder)."""


def lock_path(db: str | os.PathLike) -> Path | None:
    """The lock file of warehouse ``db``, or None for an in-memory one."""
    text = str(db)
    if text in ("", ":memory:") or text.startswith(":memory:"):
        return None
    path = Path(text)
    with contextlib.suppress(OSError):
        path = path.resolve()  # a linked warehouse is locked at its target
    return path.with_name(path.name + ".lock")


def timeout_from_env() -> float:
    raw = os.environ.get(TIMEOUT_ENV, "").strip()
    if not raw:
        return DEFAULT_TIMEOUT_S
    try:
        value = float(raw)
    except ValueError:
        value = -1.0
    if not value >= 0:  # also rejects nan
        raise LockError(f"{TIMEOUT_ENV}={raw!r} is not a number of seconds >= 0")
    return value


def _holder(fd: int) -> dict | None:
    """The record the current (or last) holder wrote into the lock file."""
    try:
        os.lseek(fd, 0, os.SEEK_SET)
        data = os.read(fd, 65536)
        return json.loads(data) if data.strip() else None
    except (OSError, ValueError):
        return None


def describe(holder: dict | None) -> str:
    if not holder:
        return "another process (no record in the lock file)"
    return (
        f"pid {holder.get('pid')} on {holder.get('host')} "
        f"({holder.get('command')!s}), since {holder.get('since')}"
    )


def pid_alive(pid: int) -> bool:
    """Whether process ``pid`` exists (on this machine)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _stderr(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def _inherited(path: Path) -> int | None:
    """The locked descriptor a parent (``bank-lock``) passed down, if any.

    Taking ``flock`` again through the same open file shares its lock, so
    success proves the descriptor is the lock file and holds the lock.
    """
    raw = os.environ.get(LOCK_FD_ENV, "")
    if not raw.isdigit():
        return None
    fd = int(raw)
    try:
        st, want = os.fstat(fd), os.stat(path)
    except OSError:
        return None
    if (st.st_dev, st.st_ino) != (want.st_dev, want.st_ino):
        return None
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return None
    return fd


class WriterLock:
    """``with WriterLock(db, "bank-seed ..."):`` the only writer of ``db``."""

    def __init__(
        self,
        db: str | os.PathLike,
        command: str,
        timeout: float | None = None,
        say: Callable[[str], None] = _stderr,
    ) -> None:
        self.path = lock_path(db)
        self.db = str(db)
        self.command = command
        self.timeout = timeout_from_env() if timeout is None else timeout
        self.say = say
        self.fd: int | None = None
        self.inherited = False

    def acquire(self) -> WriterLock:
        if self.path is None or self.fd is not None:
            return self
        fd = _inherited(self.path) if self.path.exists() else None
        if fd is not None:
            self.fd, self.inherited = fd, True
            return self
        started = time.monotonic()
        while True:
            fd = self._open()
            try:
                self._wait(fd, started)
            except BaseException:
                os.close(fd)
                raise
            if self._current(fd):
                break
            os.close(fd)  # its holder removed that file as it released it: take the new one
        try:
            stale = _holder(fd)
            if stale and not self._running(stale):
                self.say(f"writer lock: cleared a stale lock of {describe(stale)}, which ended")
            record = {
                "pid": os.getpid(),
                "host": socket.gethostname(),
                "command": self.command,
                "since": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M:%S UTC"),
            }
            os.ftruncate(fd, 0)
            os.pwrite(fd, (json.dumps(record) + "\n").encode(), 0)
        except BaseException:
            os.close(fd)
            raise
        self.fd = fd
        return self

    def _open(self) -> int:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            return os.open(self.path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o666)
        except OSError as exc:
            raise LockError(
                f"warehouse folder {str(self.path.parent)!r} is not writable "
                f"(writer lock {self.path.name}: {exc.strerror or exc})"
            ) from exc

    def _current(self, fd: int) -> bool:
        """Whether the locked ``fd`` is still the file at the lock's path."""
        try:
            here, there = os.fstat(fd), os.stat(self.path)
        except FileNotFoundError:
            return False
        return (here.st_dev, here.st_ino) == (there.st_dev, there.st_ino)

    def _running(self, holder: dict) -> bool:
        if holder.get("host") != socket.gethostname():
            return True  # cannot tell; the kernel lock was free anyway
        pid = holder.get("pid")
        return isinstance(pid, int) and pid != os.getpid() and pid_alive(pid)

    def _wait(self, fd: int, started: float) -> None:
        next_note = started
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                return
            except BlockingIOError:
                pass
            waited = time.monotonic() - started
            holder = describe(_holder(fd))
            if waited >= self.timeout:
                raise LockBusy(
                    f"the warehouse {self.db!r} is being written by {holder}; "
                    + (
                        f"gave up after waiting {waited:.0f} s ({TIMEOUT_ENV}={self.timeout:g})"
                        if self.timeout
                        else f"not waiting ({TIMEOUT_ENV}=0)"
                    )
                    + "; nothing was done"
                )
            if time.monotonic() >= next_note:
                self.say(
                    f"writer lock: waiting for {holder} to finish with {self.db!r} "
                    f"({waited:.0f} s so far, up to {self.timeout:g} s, {TIMEOUT_ENV})"
                )
                next_note += PROGRESS_EVERY_S
            time.sleep(0.1)

    def hand_down(self) -> tuple[int, ...]:
        """Let this process's children share the lock (``bank-lock``, ``bank-publish
        -- dbt ...``): the descriptor becomes inheritable and ``BANK_WRITER_LOCK_FD``
        names it; returns the descriptors to pass (none for an in-memory warehouse)."""
        if self.fd is None:
            return ()
        os.set_inheritable(self.fd, True)
        os.environ[LOCK_FD_ENV] = str(self.fd)
        return (self.fd,)

    def release(self) -> None:
        if self.fd is None:
            return
        fd, self.fd = self.fd, None
        if self.inherited:
            return  # the parent's lock, released when the parent's job ends
        # remove the file while still holding it (a writer that opened it
        # meanwhile sees it is gone once it gets the lock, and starts over),
        # so a warehouse's folder holds no lock file when no one writes
        with contextlib.suppress(OSError):
            if self._current(fd):
                self.path.unlink()
        os.close(fd)  # closing releases the flock

    def __enter__(self) -> WriterLock:
        return self.acquire()

    def __exit__(self, *exc: object) -> None:
        self.release()


@contextlib.contextmanager
def writer_lock(db: str | os.PathLike, command: str) -> Iterator[WriterLock]:
    with WriterLock(db, command) as lock:
        yield lock


def default_warehouse() -> str:
    return os.environ.get("BANK_DUCKDB_PATH") or "warehouse/bank.duckdb"


def main(argv: list[str] | None = None) -> None:
    """``bank-lock [--db PATH] -- COMMAND...``: run COMMAND as the only writer."""
    import argparse

    parser = argparse.ArgumentParser(
        prog="bank-lock",
        description="Run a command holding the working warehouse's writer lock, so that "
        "its steps (bank-seed, dbt, bank-publish) run as one job no other writer "
        f"interleaves with. Waits up to {TIMEOUT_ENV} seconds (default "
        f"{DEFAULT_TIMEOUT_S:g}) for a running writer, then exits {EXIT_BUSY}.",
    )
    parser.add_argument("--db", help="warehouse file (default: $BANK_DUCKDB_PATH)")
    parser.add_argument("command", nargs=argparse.REMAINDER, help="-- COMMAND [ARGS...]")
    args = parser.parse_args(argv)
    command = args.command[1:] if args.command[:1] == ["--"] else args.command
    if not command:
        parser.error("no command given (bank-lock -- COMMAND ...)")
    db = args.db or default_warehouse()
    try:
        lock = WriterLock(db, " ".join(command)).acquire()
    except LockBusy as exc:
        _stderr(f"bank-lock: {exc}")
        sys.exit(EXIT_BUSY)
    except LockError as exc:
        _stderr(f"bank-lock: error: {exc}")
        sys.exit(2)
    lock.hand_down()
    # the command becomes this process, keeping the locked descriptor: the
    # lock lasts as long as it (and any child still holding it) runs
    try:
        os.execvp(command[0], command)
    except OSError as exc:
        _stderr(f"bank-lock: error: cannot run {command[0]!r}: {exc}")
        sys.exit(127)
