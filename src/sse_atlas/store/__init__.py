"""Persistence: one repository interface; SQLite embedded, PostgreSQL shared by a server.

Nothing above this package writes SQL; callers open a repository with :func:`open_repository`.
"""

from __future__ import annotations

from pathlib import Path

from sse_atlas.store.base import Edit, Repository, StoreError, is_postgres_url
from sse_atlas.store.sql import DEFAULT_LOCK_TIMEOUT
from sse_atlas.store.sqlite import SQLiteRepository

__all__ = [
    "Edit",
    "Repository",
    "SQLiteRepository",
    "StoreError",
    "is_postgres_url",
    "open_repository",
]


def open_repository(target: str | Path, *, lock_timeout: float | None = None) -> Repository:
    """The repository at ``target``: a SQLite file path, ``":memory:"``, or a PostgreSQL URL.

    A writer waits at most ``lock_timeout`` seconds for another (default 60).
    """
    timeout = DEFAULT_LOCK_TIMEOUT if lock_timeout is None else lock_timeout
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
