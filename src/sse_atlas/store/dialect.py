"""What the repository needs from a DB-API 2 driver, and what differs between engines."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

# How long a writer waits for another one's transaction before giving up, unless told otherwise.
DEFAULT_LOCK_TIMEOUT = 60.0


class Cursor(Protocol):
    """The part of a DB-API 2 cursor the repository uses."""

    def execute(self, query: str, params: Sequence[Any] = ..., /) -> Any: ...

    def fetchone(self) -> Any: ...

    def fetchall(self) -> list[Any]: ...

    def fetchmany(self, size: int = ..., /) -> list[Any]: ...

    def executemany(self, query: str, params_seq: Any, /) -> Any: ...

    @property
    def description(self) -> Any: ...


class Connection(Protocol):
    """The part of a DB-API 2 connection the repository uses (in autocommit mode)."""

    def cursor(self) -> Any: ...

    def close(self) -> None: ...


def _never(error: Exception) -> bool:
    del error
    return False


@dataclass(frozen=True)
class Dialect:
    """What differs between database engines, kept to the few things the SQL needs."""

    name: str
    paramstyle: str  # "qmark" (?) or "format" (%s)
    begin_read: str
    begin_write: str
    errors: tuple[type[Exception], ...]
    # Which driver errors mean "another writer holds the lock" and "stored bytes are damaged".
    busy: Callable[[Exception], bool] = _never
    corrupt: Callable[[Exception], bool] = _never
    # Appended to text sort keys so every engine orders ids byte by byte, as SQLite does.
    text_order: str = ""

    def sql(self, query: str) -> str:
        """The query with ``?`` placeholders in the driver's style (the one conversion point)."""
        if self.paramstyle == "qmark":
            return query
        return query.replace("%", "%%").replace("?", "%s")
