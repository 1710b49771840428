"""dbt-duckdb plugin: dbt takes the writer lock before it opens the warehouse.

Listed under ``plugins:`` of the working warehouse's targets in
``profiles.yml``. dbt-duckdb calls :meth:`Plugin.update_connection_config`
just before ``duckdb.connect``, so a ``dbt build`` (or ``run``, ``docs
generate``, ``show``: every command that opens the file, and opens it for
writing) waits for a running load or build instead of failing on DuckDB's
file lock, or, worse, building on a file a load is about to replace. The lock
is held until the dbt process exits; inside ``bank-lock`` (``make daily``)
the job's lock is used. A target opened read-only (``config_options:
{access_mode: READ_ONLY}``, as the ``analyst`` target is) takes no lock.
"""

from __future__ import annotations

import atexit
import sys
from typing import Any

from dbt.adapters.duckdb.plugins import BasePlugin

from bank_ops.lock import LockBusy, WriterLock
from bank_ops.settings import SettingError, check_memory_limit

_HELD: dict[str, WriterLock] = {}  # per warehouse, for the life of the process


class Plugin(BasePlugin):
    def update_connection_config(self, creds: Any, config: dict[str, Any]) -> None:
        try:  # the profile's memory_limit (BANK_DUCKDB_MEMORY_LIMIT), named if bad
            check_memory_limit(config.get("memory_limit"))
        except SettingError as exc:
            raise RuntimeError(str(exc)) from None
        mode = str(config.get("access_mode", "")).upper()
        if mode == "READ_ONLY" or getattr(creds, "read_only", False):
            return
        path = str(creds.path)
        if path in _HELD:
            return
        command = "dbt " + " ".join(sys.argv[1:])
        try:
            _HELD[path] = lock = WriterLock(path, command).acquire()
        except LockBusy as exc:
            # dbt shows this as a runtime error and exits non-zero
            raise RuntimeError(f"writer lock: {exc}") from None
        atexit.register(lock.release)  # clears its record: not reported as stale
