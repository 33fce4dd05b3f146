"""Schema migrations: applied once, in order, recorded; newer databases refused."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import pytest

from sse_atlas.store import SQLiteRepository, StoreError
from sse_atlas.store.schema import Migration, bundled_migrations

APPLIED = "2024-05-06T07:08:09+00:00"
BUNDLED = [
    (1, "initial", APPLIED),
    (2, "generation", APPLIED),
    (3, "curation", APPLIED),
    (4, "entity_index", APPLIED),
    (5, "read_indexes", APPLIED),
    (6, "settings", APPLIED),
]


def _clock() -> dt.datetime:
    return dt.datetime.fromisoformat(APPLIED)


def _applied(path: Path) -> list[tuple[int, str, str]]:
    with sqlite3.connect(path) as connection:
        found = connection.execute(
            "SELECT version, name, applied_at FROM schema_migrations ORDER BY version"
        ).fetchall()
    connection.close()
    return found


def _tables(path: Path) -> list[str]:
    with sqlite3.connect(path) as connection:
        found = connection.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"
        ).fetchall()
    connection.close()
    return [name for (name,) in found]


def test_bundled_migrations_versions() -> None:
    assert [(m.version, m.name) for m in bundled_migrations()] == [
        (1, "initial"),
        (2, "generation"),
        (3, "curation"),
        (4, "entity_index"),
        (5, "read_indexes"),
        (6, "settings"),
    ]


def test_open_applies_and_records_migrations(tmp_path: Path) -> None:
    path = tmp_path / "atlas.db"
    SQLiteRepository(path, clock=_clock).close()
    assert _applied(path) == BUNDLED
    assert _tables(path) == [
        "api_tokens",
        "catalogues",
        "changes",
        "days",
        "edits",
        "entity_blocks",
        "entity_catalogue_keys",
        "entity_cities",
        "entity_clusters",
        "entity_rules",
        "ingest_reports",
        "initiatives",
        "involvements",
        "organisations",
        "people",
        "schema_migrations",
        "sessions",
        "settings",
        "store_secrets",
        "store_state",
        "suggestions",
        "users",
        "workshops",
    ]


def test_reopen_applies_nothing(tmp_path: Path) -> None:
    path = tmp_path / "atlas.db"
    SQLiteRepository(path, clock=_clock).close()
    SQLiteRepository(path).close()
    SQLiteRepository(path).close()
    assert _applied(path) == BUNDLED


def test_new_migration_applied_in_order(tmp_path: Path) -> None:
    path = tmp_path / "atlas.db"
    SQLiteRepository(path, clock=_clock).close()
    extra = [
        Migration(11, "third", "ALTER TABLE second ADD COLUMN y TEXT;\n"),
        Migration(10, "second", "-- a table\nCREATE TABLE second (x TEXT);\n-- trailing note\n"),
    ]
    SQLiteRepository(path, migrations=[*bundled_migrations(), *extra], clock=_clock).close()
    assert _applied(path) == [*BUNDLED, (10, "second", APPLIED), (11, "third", APPLIED)]


def test_failing_migration_rolls_back(tmp_path: Path) -> None:
    path = tmp_path / "atlas.db"
    SQLiteRepository(path, clock=_clock).close()
    broken = Migration(
        10, "broken", "CREATE TABLE fine (x TEXT);\nCREATE TABLE broken (x TEXT,);\n"
    )
    with pytest.raises(StoreError, match="syntax error"):
        SQLiteRepository(path, migrations=[*bundled_migrations(), broken])
    assert _applied(path) == BUNDLED
    assert "fine" not in _tables(path)


def test_incomplete_migration_refused(tmp_path: Path) -> None:
    broken = Migration(1, "broken", "CREATE TABLE fine (x TEXT);\nCREATE TABLE open (x TEXT)\n")
    with pytest.raises(StoreError, match="incomplete SQL statement"):
        SQLiteRepository(tmp_path / "atlas.db", migrations=[broken])


def test_duplicate_migration_versions_refused(tmp_path: Path) -> None:
    twice = [Migration(1, "a", "SELECT 1;"), Migration(1, "b", "SELECT 2;")]
    with pytest.raises(StoreError, match=r"duplicate migration versions: \[1, 1\]"):
        SQLiteRepository(tmp_path / "atlas.db", migrations=twice)


def test_newer_schema_refused(tmp_path: Path) -> None:
    path = tmp_path / "atlas.db"
    SQLiteRepository(path).close()
    with sqlite3.connect(path) as connection:
        connection.execute(
            "INSERT INTO schema_migrations (version, name, applied_at) VALUES (7, 'future', 'x')"
        )
    connection.close()
    with pytest.raises(StoreError) as raised:
        SQLiteRepository(path)
    assert str(raised.value) == (
        f"{path}: database schema version 7 is newer than this version of sse-atlas supports (6);"
        " upgrade sse-atlas to open it"
    )


def test_generation_counts_writes(tmp_path: Path) -> None:
    repository = SQLiteRepository(tmp_path / "atlas.db")
    before = repository.generation()
    repository.replace_entities([], [])
    repository.replace_entities([], [])
    assert (before, repository.generation()) == (0, 2)
    repository.close()
