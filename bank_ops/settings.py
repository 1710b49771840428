"""DuckDB settings every writer reads from the environment, checked once."""

from __future__ import annotations

import os

import duckdb

MEMORY_ENV = "BANK_DUCKDB_MEMORY_LIMIT"


class SettingError(ValueError):
    """An environment variable holds a value DuckDB cannot use."""


def check_memory_limit(value: str | None) -> str | None:
    """``value`` if DuckDB reads it as a memory size (None when unset/empty)."""
    if not value:
        return None
    try:
        duckdb.connect(":memory:", config={"memory_limit": value}).close()
    except duckdb.Error as exc:
        raise SettingError(
            f"{MEMORY_ENV}={value!r} is not a DuckDB memory size such as 4GB or 3GiB "
            f"(DuckDB: {str(exc).splitlines()[0]})"
        ) from None
    return value


def memory_limit() -> str | None:
    """DuckDB's memory_limit from ``BANK_DUCKDB_MEMORY_LIMIT``; None: DuckDB's default."""
    return check_memory_limit(os.environ.get(MEMORY_ENV, "").strip())
