"""Persistence: one repository interface; SQLite embedded, PostgreSQL shared by a server.

Nothing above this package writes SQL; callers open a repository with :func:`open_repository`.
"""

from __future__ import annotations

import math
import os
from pathlib import Path

from sse_atlas.store.base import Edit, Repository, StoreError, corrupt_error, is_postgres_url
from sse_atlas.store.dialect import DEFAULT_LOCK_TIMEOUT
from sse_atlas.store.sqlite import SQLiteRepository

__all__ = [
    "DEFAULT_LOCK_TIMEOUT",
    "ENV_LOCK_TIMEOUT",
    "MAX_LOCK_TIMEOUT",
    "Edit",
    "Repository",
    "SQLiteRepository",
    "StoreError",
    "corrupt_error",
    "is_postgres_url",
    "lock_timeout_from_environment",
    "open_repository",
]

ENV_LOCK_TIMEOUT = "SSE_ATLAS_LOCK_TIMEOUT"
# A day: a longer wait is a hung writer, not a busy one.
MAX_LOCK_TIMEOUT = 86_400.0


def lock_timeout_from_environment() -> float:
    """``$SSE_ATLAS_LOCK_TIMEOUT`` in seconds (0 to 86400), else the default of 60."""
    text = os.environ.get(ENV_LOCK_TIMEOUT, "").strip()
    if not text:
        return DEFAULT_LOCK_TIMEOUT
    try:
        seconds = float(text)
    except ValueError:
        seconds = math.nan
    if not 0 <= seconds <= MAX_LOCK_TIMEOUT:  # NaN fails both comparisons
        raise StoreError(
            f"{ENV_LOCK_TIMEOUT}={text!r}: expected seconds from 0 to {MAX_LOCK_TIMEOUT:g}"
        )
    return seconds


def open_repository(target: str | Path, *, lock_timeout: float | None = None) -> Repository:
    """The repository at ``target``: a SQLite file path, ``":memory:"``, or a PostgreSQL URL.

    A writer waits at most ``lock_timeout`` seconds for another (default: from the environment).
    """
    timeout = lock_timeout_from_environment() if lock_timeout is None else lock_timeout
    if is_postgres_url(target):
        return _open_postgres(target, timeout)
    return SQLiteRepository(target, lock_timeout=timeout)


def _open_postgres(url: str, lock_timeout: float) -> Repository:
    try:
        # psycopg is an optional dependency: SQLite users never load it.
        from sse_atlas.store.postgres import PostgresRepository
    except ImportError as error:
        raise StoreError(
            "a PostgreSQL store needs the postgres extra: pip install 'sse-atlas[postgres]'"
            f" ({error})"
        ) from error
    return PostgresRepository(url, lock_timeout=lock_timeout)
