"""Persistence: one repository interface; SQLite embedded, PostgreSQL shared by a server.

Nothing above this package writes SQL; callers open a repository with :func:`open_repository`.
"""

from __future__ import annotations

from pathlib import Path

from sse_atlas.store.base import Edit, Repository, StoreError
from sse_atlas.store.sqlite import SQLiteRepository

__all__ = ["Edit", "Repository", "SQLiteRepository", "StoreError", "open_repository"]

_POSTGRES_SCHEMES = ("postgresql://", "postgres://")


def open_repository(target: str | Path) -> Repository:
    """The repository at ``target``: a SQLite file path, ``":memory:"``, or a PostgreSQL URL."""
    if isinstance(target, str) and target.startswith(_POSTGRES_SCHEMES):
        return _open_postgres(target)
    return SQLiteRepository(target)


def _open_postgres(url: str) -> Repository:
    try:
        # psycopg is an optional dependency: SQLite users never load it.
        from sse_atlas.store.postgres import PostgresRepository
    except ImportError as error:
        raise StoreError(
            "a PostgreSQL store needs the postgres extra: pip install 'sse-atlas[postgres]'"
            f" ({error})"
        ) from error
    return PostgresRepository(url)
