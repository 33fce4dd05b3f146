"""Shared fixtures: the seed catalogue parsed once, a knowledge base built once."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from sse_atlas.ingest.catalogue import ParseResult
from sse_atlas.ingest.reader import read_document
from sse_atlas.kb import KnowledgeBase, builtin_catalogue_path
from sse_atlas.model import Initiative, Workshop
from sse_atlas.search import SearchQuery
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


def copy_files_of(kb: KnowledgeBase, folder: Path) -> Path:
    """A copy of ``kb``'s database file (and what lies beside it) in ``folder``.

    The copy takes the search cache along, so that only records changed in it are embedded
    again."""
    kb.search(SearchQuery(limit=1))  # builds the search cache that the copy reuses
    source = Path(kb.location)
    for path in source.parent.iterdir():
        if path.name.startswith(source.name):
            copy = shutil.copytree if path.is_dir() else shutil.copy2
            copy(path, folder / path.name)
    return folder / source.name


def copy_of(seed_kb: KnowledgeBase, folder: Path) -> KnowledgeBase:
    """A knowledge base on a copy of the seed's files, free to change."""
    return KnowledgeBase.open(copy_files_of(seed_kb, folder))


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
