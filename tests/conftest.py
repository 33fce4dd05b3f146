"""Shared fixtures: the seed catalogue parsed once, a knowledge base built once."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from sse_atlas.ingest.catalogue import ParseResult
from sse_atlas.ingest.reader import read_document
from sse_atlas.kb import KnowledgeBase, builtin_catalogue_path
from sse_atlas.model import Initiative, Workshop
from tests.postgres import Databases, postgres_server, reset

SEED = builtin_catalogue_path()


@pytest.fixture(scope="session")
def seed() -> ParseResult:
    result = read_document(SEED)
    assert result.parsed is not None
    return result.parsed


@pytest.fixture(scope="session")
def seed_initiatives(seed: ParseResult) -> dict[str, Initiative]:
    return {initiative.code: initiative for initiative in seed.catalogue.initiatives}


@pytest.fixture(scope="session")
def seed_workshops(seed: ParseResult) -> dict[str, Workshop]:
    return {workshop.code: workshop for workshop in seed.catalogue.workshops}


@pytest.fixture(scope="session")
def seed_kb(tmp_path_factory: pytest.TempPathFactory) -> Iterator[KnowledgeBase]:
    """A knowledge base on a file, built once from the seed; tests must not change it."""
    path = tmp_path_factory.mktemp("kb") / "atlas.sqlite3"
    kb = KnowledgeBase.open(path)
    kb.ingest([SEED])
    yield kb
    kb.close()


@pytest.fixture
def fresh_kb(tmp_path: Path) -> Iterator[KnowledgeBase]:
    kb = KnowledgeBase.open(tmp_path / "atlas.sqlite3")
    yield kb
    kb.close()


@pytest.fixture(scope="session")
def postgres_databases() -> Iterator[Databases]:
    """Databases on the test PostgreSQL server, dropped after the session (skips without one)."""
    with postgres_server() as databases:
        yield databases


@pytest.fixture(scope="session")
def postgres_scratch(postgres_databases: Databases) -> str:
    return postgres_databases.create("scratch")


@pytest.fixture
def postgres_url(postgres_scratch: str) -> str:
    """The URL of an empty PostgreSQL database, emptied again for each test."""
    return reset(postgres_scratch)


@pytest.fixture(params=["sqlite", "postgresql"])
def store_target(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """Where an empty store lives: a SQLite file, or a PostgreSQL URL."""
    if request.param == "sqlite":
        return str(tmp_path / "atlas.sqlite3")
    return str(request.getfixturevalue("postgres_url"))
