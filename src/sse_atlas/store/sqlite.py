"""The SQLite backend (stdlib ``sqlite3``): the embedded default."""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from pathlib import Path

from sse_atlas.store.base import StoreError
from sse_atlas.store.dialect import DEFAULT_LOCK_TIMEOUT, Cursor, Dialect
from sse_atlas.store.schema import Migration
from sse_atlas.store.sql import Clock, SQLRepository

_SQLITE_BUSY, _SQLITE_LOCKED, _SQLITE_CORRUPT, _SQLITE_NOTADB = 5, 6, 11, 26


def _primary_code(error: Exception) -> int | None:
    code = getattr(error, "sqlite_errorcode", None)
    return code & 0xFF if isinstance(code, int) else None  # extended codes keep it in the low byte


def _busy(error: Exception) -> bool:
    return _primary_code(error) in (_SQLITE_BUSY, _SQLITE_LOCKED)


def _corrupt(error: Exception) -> bool:
    # sqlite3 reports undecodable text (a garbage page inside a row) as an OperationalError.
    return _primary_code(error) in (_SQLITE_CORRUPT, _SQLITE_NOTADB) or str(error).startswith(
        "Could not decode to UTF-8"
    )


SQLITE = Dialect(
    name="sqlite",
    paramstyle="qmark",
    begin_read="BEGIN",
    # Take the write lock up front so two writers wait instead of failing on upgrade.
    begin_write="BEGIN IMMEDIATE",
    errors=(sqlite3.Error,),
    busy=_busy,
    corrupt=_corrupt,
)


def _statements(script: str) -> list[str]:
    """A script cut into complete statements (``sqlite3`` runs one per ``execute``)."""
    statements: list[str] = []
    pending = ""
    for line in script.splitlines(keepends=True):
        pending += line
        if sqlite3.complete_statement(pending):
            statements.append(pending.strip())
            pending = ""
    if pending.strip() and any(
        not line.strip().startswith("--") for line in pending.splitlines() if line.strip()
    ):
        raise StoreError(f"incomplete SQL statement at the end of a migration: {pending.strip()!r}")
    return statements


def _connect(target: str | Path, lock_timeout: float) -> sqlite3.Connection:
    name = str(target)
    try:
        # Autocommit mode: the repository issues BEGIN/COMMIT itself; a lock guards threads.
        # The timeout is how long BEGIN IMMEDIATE waits for another process's write lock.
        connection = sqlite3.connect(
            name, timeout=lock_timeout, isolation_level=None, check_same_thread=False
        )
    except sqlite3.Error as error:
        raise StoreError(f"cannot open database {name}: {error}") from error
    try:
        connection.execute("PRAGMA foreign_keys = ON")
        connection.execute("PRAGMA journal_mode = WAL")
    except sqlite3.Error as error:
        connection.close()
        raise StoreError(f"cannot open database {name}: {error}") from error
    return connection


class SQLiteRepository(SQLRepository):
    """The repository in a SQLite file, or in memory with ``":memory:"``."""

    def __init__(
        self,
        target: str | Path,
        *,
        migrations: Sequence[Migration] | None = None,
        clock: Clock | None = None,
        lock_timeout: float = DEFAULT_LOCK_TIMEOUT,
    ) -> None:
        self.target = target
        super().__init__(
            _connect(target, lock_timeout),
            SQLITE,
            migrations=migrations,
            clock=clock,
            label=str(target),
            lock_timeout=lock_timeout,
        )

    def _run_script(self, cursor: Cursor, script: str) -> None:
        for statement in _statements(script):
            cursor.execute(statement)

    def _integrity_problems(self, cursor: Cursor, *, thorough: bool) -> list[str]:
        # quick_check skips index-content checks: linear time, cheap enough before every write.
        check = "integrity_check" if thorough else "quick_check"
        problems = [str(row[0]) for row in self._all(cursor, f"PRAGMA {check}")]
        problems = [problem for problem in problems if problem != "ok"]
        for table, rowid, parent, _ in self._all(cursor, "PRAGMA foreign_key_check"):
            problems.append(f"{table} row {rowid} refers to a missing {parent} row")
        return problems
