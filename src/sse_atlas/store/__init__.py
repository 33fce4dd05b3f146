"""Persistence: one repository interface, SQLite first (PostgreSQL later).

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
        raise StoreError("PostgreSQL support is not available yet")
    return SQLiteRepository(target)
