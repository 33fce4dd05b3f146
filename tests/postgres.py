"""A throwaway PostgreSQL database for tests, on the server named by $SSE_ATLAS_TEST_POSTGRES.

``scripts/test-postgres`` starts such a server and runs the whole suite beside it; without the
variable the PostgreSQL half of the tests skips.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from urllib.parse import urlsplit, urlunsplit

import pytest

ENV_SERVER = "SSE_ATLAS_TEST_POSTGRES"
SKIP_REASON = f"${ENV_SERVER} is not set: scripts/test-postgres runs the PostgreSQL half"


def with_database(url: str, name: str) -> str:
    """``url`` pointing at database ``name`` instead."""
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, f"/{name}", parts.query, parts.fragment))


class Databases:
    """Creates databases on the test server, each named after this test run, and drops them."""

    def __init__(self, server: str) -> None:
        self.server = server
        self.prefix = f"sse_atlas_test_{os.getpid()}"
        self.created: list[str] = []

    def _admin(self, *statements: str) -> None:
        import psycopg

        with psycopg.connect(self.server, autocommit=True) as admin:
            for statement in statements:
                admin.execute(statement.encode())

    def create(self, name: str) -> str:
        database = f"{self.prefix}_{name}"
        self._admin(f"DROP DATABASE IF EXISTS {database}", f"CREATE DATABASE {database}")
        self.created.append(database)
        return with_database(self.server, database)

    def drop_all(self) -> None:
        self._admin(*(f"DROP DATABASE IF EXISTS {db} WITH (FORCE)" for db in self.created))
        self.created.clear()


def reset(url: str) -> str:
    """Empty the database at ``url`` (every table gone) and give the URL back."""
    import psycopg

    with psycopg.connect(url, autocommit=True) as connection:
        connection.execute(b"DROP SCHEMA public CASCADE")
        connection.execute(b"CREATE SCHEMA public")
    return url


@contextmanager
def postgres_server() -> Iterator[Databases]:
    server = os.environ.get(ENV_SERVER)
    if not server:
        pytest.skip(SKIP_REASON)
    databases = Databases(server)
    try:
        yield databases
    finally:
        databases.drop_all()
