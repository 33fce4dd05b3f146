"""Copying a whole store between backends (``sse-atlas db copy``): every row of every table.

The copy is made row for row, not through the model, so nothing is lost or re-derived: ingest
reports keep their history and times, edits their order and times, records their stored JSON.
Both stores are at the same schema version (opening them applies the same migrations).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sse_atlas.store.base import StoreError
from sse_atlas.store.schema import bundled_migrations
from sse_atlas.store.sql import SQLRepository

# Rows are read and written this many at a time (bounded memory, few round trips).
BATCH_ROWS = 1000

# Kept by each store for itself: the applied migrations, and the write counter (moved on below).
_OWN_TABLES = frozenset({"schema_migrations", "store_state"})

_CREATE_TABLE = re.compile(r"\bCREATE\s+TABLE\s+(?:IF\s+NOT\s+EXISTS\s+)?(\w+)", re.IGNORECASE)
_DROP_TABLE = re.compile(r"\bDROP\s+TABLE\s+(?:IF\s+EXISTS\s+)?(\w+)", re.IGNORECASE)


def copied_tables() -> list[str]:
    """The store's tables in the order the migrations create them: a table is always created
    after the tables it refers to, so inserting in this order satisfies every foreign key."""
    tables: list[str] = []
    for migration in bundled_migrations():
        for name in _DROP_TABLE.findall(migration.sql):
            if name in tables:
                tables.remove(name)
        tables.extend(name for name in _CREATE_TABLE.findall(migration.sql) if name not in tables)
    return [name for name in tables if name not in _OWN_TABLES]


@dataclass(frozen=True)
class CopyOutcome:
    """Rows copied, by table, in copy order."""

    rows: dict[str, int]


def _row_count(repository: SQLRepository, table: str) -> int:
    with repository._transaction(write=False) as cursor:
        return int(repository._all(cursor, f"SELECT COUNT(*) FROM {table}")[0][0])


def copy_store(source: SQLRepository, target: SQLRepository) -> CopyOutcome:
    """Copy every row of ``source`` into ``target``, which must be empty, in one transaction on
    ``target`` (nothing is stored if anything fails) read from one snapshot of ``source``."""
    if source.label == target.label:
        raise StoreError(f"{source.label}: cannot copy a store onto itself")
    tables = copied_tables()
    occupied = [table for table in tables if _row_count(target, table)]
    if occupied:
        raise StoreError(
            f"{target.label} is not empty ({', '.join(occupied)}): copy into a new store"
        )
    copied: dict[str, int] = {}
    with (
        source._transaction(write=False) as reader,
        target._transaction(write=True) as writer,
    ):
        for table in tables:
            source._execute(reader, f"SELECT * FROM {table}")
            columns = [column[0] for column in reader.description]
            insert = (
                f"INSERT INTO {table} ({', '.join(columns)})"
                f" VALUES ({', '.join('?' for _ in columns)})"
            )
            copied[table] = 0
            while batch := reader.fetchmany(BATCH_ROWS):
                writer.executemany(target._dialect.sql(insert), [tuple(row) for row in batch])
                copied[table] += len(batch)
        generation = source._all(reader, "SELECT value FROM store_state WHERE key = 'generation'")
        # Past both counters: caches built from either store see a change.
        moved = max(int(generation[0][0]) if generation else 0, 0)
        target._execute(
            writer,
            "UPDATE store_state SET value = CASE WHEN value > ? THEN value ELSE ? END + 1"
            " WHERE key = 'generation'",
            [moved, moved],
        )
        # the entity resolution tables came along: complete in the copy if in the source
        complete = source._all(reader, "SELECT value FROM store_state WHERE key = 'entity_index'")
        state = int(complete[0][0]) if complete else 0
        target._execute(
            writer, "UPDATE store_state SET value = ? WHERE key = 'entity_index'", [state]
        )
    return CopyOutcome(copied)
