"""Versioned schema migrations: the SQL files in ``store/migrations``, applied in order."""

from __future__ import annotations

import re
from dataclasses import dataclass
from importlib import resources

from sse_atlas.store.base import StoreError

_FILE_NAME = re.compile(r"^(\d{4})_([a-z0-9_]+)\.sql$")

# Created before anything else so the applied versions can be read; portable SQL.
BOOTSTRAP = (
    "CREATE TABLE IF NOT EXISTS schema_migrations ("
    "version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)"
)


@dataclass(frozen=True)
class Migration:
    """One schema step: ``0001_initial.sql`` is version 1, name ``initial``."""

    version: int
    name: str
    sql: str


def check_sequence(migrations: list[Migration]) -> list[Migration]:
    """The migrations sorted by version; raises StoreError on duplicate versions."""
    ordered = sorted(migrations, key=lambda migration: migration.version)
    versions = [migration.version for migration in ordered]
    if len(set(versions)) != len(versions):
        raise StoreError(f"duplicate migration versions: {versions}")
    return ordered


def bundled_migrations() -> list[Migration]:
    """The migrations shipped with the package, in version order."""
    found: list[Migration] = []
    for entry in resources.files("sse_atlas.store").joinpath("migrations").iterdir():
        match = _FILE_NAME.match(entry.name)
        if match is None:
            continue
        found.append(Migration(int(match[1]), match[2], entry.read_text(encoding="utf-8")))
    return check_sequence(found)


def pending(migrations: list[Migration], applied: set[int]) -> list[Migration]:
    """The migrations still to apply; raises StoreError if the database is newer than the code."""
    known = max((migration.version for migration in migrations), default=0)
    newest = max(applied, default=0)
    if newest > known:
        raise StoreError(
            f"database schema version {newest} is newer than this version of sse-atlas "
            f"supports ({known}); upgrade sse-atlas to open it"
        )
    return [migration for migration in migrations if migration.version not in applied]
