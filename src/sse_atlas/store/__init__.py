"""Persistence: one repository interface, SQLite first (PostgreSQL later).

Nothing above this package writes SQL; callers open a repository with :func:`open_repository`.
"""

from __future__ import annotations

import math
import os
from pathlib import Path

from sse_atlas.store.base import Edit, Repository, StoreError, corrupt_error
from sse_atlas.store.sql import DEFAULT_LOCK_TIMEOUT
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
    "lock_timeout_from_environment",
    "open_repository",
]

_POSTGRES_SCHEMES = ("postgresql://", "postgres://")

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
    if isinstance(target, str) and target.startswith(_POSTGRES_SCHEMES):
        raise StoreError("PostgreSQL support is not available yet")
    timeout = lock_timeout_from_environment() if lock_timeout is None else lock_timeout
    return SQLiteRepository(target, lock_timeout=timeout)
