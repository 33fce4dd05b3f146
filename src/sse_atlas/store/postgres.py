"""The PostgreSQL backend (psycopg 3 and its connection pool): a store several processes share.

Chosen by URL (``postgresql://user:password@host:5432/atlas``). The schema is built by the same
portable migrations as SQLite's. Concurrency keeps SQLite's semantics:

- a writer takes a transaction-level advisory lock first, so a second writer waits for the
  first (at most the lock timeout, then a clear error), as with SQLite's ``BEGIN IMMEDIATE``;
  its statements run at READ COMMITTED, so each sees everything committed before the lock;
- a reader works on one REPEATABLE READ snapshot, so a read across tables sees one state of
  the store, and never waits for a writer (as SQLite readers in WAL mode).

Each transaction borrows a connection from a pool, so threads of one process read in parallel.
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from urllib.parse import urlsplit, urlunsplit

import psycopg
from psycopg import errors as pg_errors
from psycopg_pool import ConnectionPool, PoolTimeout

from sse_atlas.store.base import StoreError
from sse_atlas.store.dialect import DEFAULT_LOCK_TIMEOUT, Cursor, Dialect
from sse_atlas.store.schema import Migration
from sse_atlas.store.sql import Clock, SQLRepository

ENV_POOL_SIZE = "SSE_ATLAS_DB_POOL"
DEFAULT_POOL_SIZE = 4
# More connections than this from one process is a misconfiguration, not a need: each worker
# runs its handlers on a bounded set of threads.
MAX_POOL_SIZE = 64

# How long to wait for the server when connecting, in seconds.
_CONNECT_TIMEOUT = 10

# The advisory lock every writer of a database takes ("SSE-Atlas" in ASCII, as a bigint).
WRITE_LOCK_KEY = 0x5353452D41746C61


def _busy(error: Exception) -> bool:
    return isinstance(error, pg_errors.LockNotAvailable)


POSTGRES = Dialect(
    name="postgresql",
    paramstyle="format",
    begin_read="BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY",
    begin_write="",  # set per repository: it carries the lock timeout
    errors=(psycopg.Error,),
    busy=_busy,
    text_order=' COLLATE "C"',
)


def begin_write(lock_timeout: float) -> str:
    """BEGIN, then wait at most ``lock_timeout`` seconds for the writers' lock."""
    milliseconds = max(int(lock_timeout * 1000), 1)  # 0 would mean "wait for ever"
    return (
        "BEGIN ISOLATION LEVEL READ COMMITTED; "
        f"SET LOCAL lock_timeout = {milliseconds}; "
        f"SELECT pg_advisory_xact_lock({WRITE_LOCK_KEY})"
    )


def safe_label(url: str) -> str:
    """The URL as messages show it: without its password."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    host = parts.hostname or ""
    if parts.port is not None:
        host = f"{host}:{parts.port}"
    user = f"{parts.username}@" if parts.username else ""
    return urlunsplit((parts.scheme, user + host, parts.path, parts.query, parts.fragment))


def pool_size_from_environment() -> int:
    """``$SSE_ATLAS_DB_POOL`` (1 to 64), else 4 connections per process."""
    text = os.environ.get(ENV_POOL_SIZE, "").strip()
    if not text:
        return DEFAULT_POOL_SIZE
    if not text.isdigit() or not 1 <= int(text) <= MAX_POOL_SIZE:
        raise StoreError(f"{ENV_POOL_SIZE}={text!r}: expected a whole number from 1 to 64")
    return int(text)


def _connect(url: str, label: str) -> psycopg.Connection[tuple[object, ...]]:
    try:
        return psycopg.connect(url, autocommit=True, connect_timeout=_CONNECT_TIMEOUT)
    except psycopg.Error as error:
        detail = " ".join(str(error).split())
        raise StoreError(f"cannot open database {label}: {detail}") from error


class PostgresRepository(SQLRepository):
    """The repository in a PostgreSQL database (its current schema, normally ``public``)."""

    def __init__(
        self,
        url: str,
        *,
        migrations: Sequence[Migration] | None = None,
        clock: Clock | None = None,
        lock_timeout: float = DEFAULT_LOCK_TIMEOUT,
        pool_size: int | None = None,
    ) -> None:
        self.target = url
        label = safe_label(url)
        size = pool_size_from_environment() if pool_size is None else pool_size
        dialect = dataclasses.replace(POSTGRES, begin_write=begin_write(lock_timeout))
        # Migrations run on a connection of their own, before any pooled one exists.
        self._pool: ConnectionPool[psycopg.Connection[tuple[object, ...]]] | None = None
        super().__init__(
            _connect(url, label),
            dialect,
            migrations=migrations,
            clock=clock,
            label=label,
            lock_timeout=lock_timeout,
        )
        self._connection.close()
        self._pool_timeout = max(lock_timeout, 1.0)
        self._pool = ConnectionPool(
            url,
            min_size=1,
            max_size=size,
            kwargs={"autocommit": True, "connect_timeout": _CONNECT_TIMEOUT},
            # A thread waits this long for a free connection (then the store is overloaded).
            timeout=self._pool_timeout,
            name="sse-atlas",
            open=True,
        )

    @contextmanager
    def _exclusive(self) -> Iterator[None]:
        if self._pool is None:  # still migrating, on the one dedicated connection
            with super()._exclusive():
                yield
            return
        yield  # each transaction on a connection of its own: threads need not wait here

    @contextmanager
    def _session(self) -> Iterator[Cursor]:
        if self._pool is None:
            with super()._session() as cursor:
                yield cursor
            return
        try:
            # Inside, the transaction turns database errors into StoreError: only taking a
            # connection can fail here.
            with self._pool.connection() as connection, connection.cursor() as cursor:
                yield cursor
        except PoolTimeout as error:
            raise StoreError(
                f"cannot reach database {self.label}: no connection within {self._pool_timeout:g} s"
            ) from error

    def close(self) -> None:
        with self._lock:
            pool, self._pool = self._pool, None
            if pool is not None:
                pool.close()
        super().close()
