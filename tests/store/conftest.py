"""A small hand-built catalogue and repositories holding it."""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from sse_atlas.model import (
    Catalogue,
    CountCheck,
    Day,
    Finding,
    Initiative,
    Involvement,
    Link,
    PanelSection,
    Place,
    QualityReport,
    Session,
    Severity,
    SourceRef,
    StatedCounts,
    Workshop,
    WorkshopKind,
)
from sse_atlas.store import SQLiteRepository
from sse_atlas.store.sql import SQLRepository
from tests.postgres import Databases

BACKENDS = ["sqlite", "postgresql"]

CATALOGUE_ID = "gsef2018-fr"
DOCUMENT = "gsef2018-fr.txt"
NOW = dt.datetime(2024, 5, 6, 7, 8, 9, tzinfo=dt.UTC)
DAY = dt.date(2018, 10, 2)


def fixed_clock() -> dt.datetime:
    return NOW


def _source(start: int, end: int) -> SourceRef:
    return SourceRef(DOCUMENT, start, end)


def build_catalogue() -> Catalogue:
    """Two workshops (one coordinated, with a panel and moderator), three initiatives."""
    initiatives = [
        Initiative(
            code="4.2.1",
            title="Le Chantier de l'économie sociale",
            catalogue=CATALOGUE_ID,
            workshop="4.2",
            session=4,
            date=DAY,
            organisation="Chantier de l'économie sociale",
            location_line="Chantier de l'économie sociale – Montréal, Québec, Canada",
            place=Place(
                city="Montréal",
                region="Québec",
                country="Canada",
                country_code="CA",
                latitude=45.50884,
                longitude=-73.58781,
                precision="city",
                as_written="Montréal, Québec, Canada",
            ),
            description="Un réseau de réseaux.",
            presenters=[
                Involvement("Béatrice Alain", role="Directrice", position=1, person_id="p-alain"),
                Involvement("Jean Dupont", position=2, honorific="M."),
            ],
            links=[Link("www.chantier.qc.ca", "https://www.chantier.qc.ca")],
            language="fr",
            themes=["public-policies"],
            sdgs=[8, 11],
            organisation_id="o-chantier",
            source=_source(100, 112),
        ),
        Initiative(
            code="4.2.2",
            title="Coopérative Mondragon",
            catalogue=CATALOGUE_ID,
            workshop="4.2",
            session=4,
            date=DAY,
            organisation="Mondragon",
            place=Place(city="Arrasate", country="Espagne", country_code="ES"),
            presenters=[Involvement("Mikel Lezamiz", role="Coordinateur", position=1)],
            links=[Link("www.mondragon .coop", None, problem="space inside the address")],
            flags=["irregular-presenter-line"],
            source=_source(113, 120),
        ),
        Initiative(
            code="4.2.3",
            title="Initiative sans lieu",
            catalogue=CATALOGUE_ID,
            workshop="4.2",
            session=4,
            date=DAY,
            source=_source(121, 124),
        ),
    ]
    workshops = [
        Workshop(
            code="4.2",
            title="Politiques publiques locales",
            catalogue=CATALOGUE_ID,
            session=4,
            date=DAY,
            toc_title="Politiques publiques",
            initiatives=[initiative.id for initiative in initiatives],
            source=_source(98, 124),
        ),
        Workshop(
            code="4.3",
            title="Finance solidaire",
            catalogue=CATALOGUE_ID,
            session=4,
            date=DAY,
            kind=WorkshopKind.COORDINATED,
            item_code="4.3.1",
            item_title="Panel finance",
            coordinator="RIPESS",
            coordinators=["RIPESS", "FinanSol"],
            coordinator_line="Atelier coordonné par RIPESS et FinanSol",
            moderator=Involvement("Ana Pérez", role="RIPESS", kind="moderator"),
            description="Un panel sur la finance solidaire.",
            sections=[PanelSection("Première partie", "Les outils")],
            panel=[
                Involvement("Luc Martin", role="FinanSol", position=1, kind="panelist"),
                Involvement(
                    "Sofía Gómez",
                    position=2,
                    kind="panelist",
                    section="Première partie",
                    country="Argentine",
                    country_code="AR",
                    links=[Link("https://example.org/", "https://example.org/")],
                ),
            ],
            links=[Link("ripess.org", "https://ripess.org")],
            flags=["coordinated"],
            source=_source(125, 140),
        ),
    ]
    return Catalogue(
        id=CATALOGUE_ID,
        title="Catalogue des initiatives",
        forum="GSEF",
        edition=2018,
        city="Bilbao",
        start_date=dt.date(2018, 10, 1),
        end_date=dt.date(2018, 10, 3),
        language="fr",
        source=DOCUMENT,
        sha256="ab" * 32,
        stated=StatedCounts(initiatives=3, countries=2, evidence="3 initiatives de 2 pays"),
        days=[Day(DAY, "2 Octobre / Mardi", sessions=[4], source=_source(90, 90))],
        sessions=[
            Session(
                4,
                CATALOGUE_ID,
                date=DAY,
                heading="ATELIERS SESSION 4",
                workshops=["4.2", "4.3"],
                source=_source(95, 140),
            )
        ],
        workshops=workshops,
        initiatives=initiatives,
    )


def build_report(found: int = 3) -> QualityReport:
    return QualityReport(
        document=DOCUMENT,
        catalogue=CATALOGUE_ID,
        findings=[
            Finding(
                "broken-url",
                "space inside the address",
                Severity.WARNING,
                record=f"{CATALOGUE_ID}/4.2.2",
                field="links",
                line=118,
            )
        ],
        counts=[CountCheck("initiatives", 3, found)],
    )


@pytest.fixture
def catalogue() -> Catalogue:
    """A fresh copy of the sample catalogue, free to change."""
    return build_catalogue()


@pytest.fixture
def report() -> QualityReport:
    return build_report()


@pytest.fixture
def now() -> dt.datetime:
    """The time the repositories' clock always gives."""
    return NOW


def open_store(backend: str, target: str, **options: Any) -> SQLRepository:
    """A repository of ``backend`` at ``target``: a SQLite path or ":memory:", a PostgreSQL URL."""
    if backend == "sqlite":
        return SQLiteRepository(target, clock=fixed_clock, **options)
    from sse_atlas.store.postgres import PostgresRepository

    return PostgresRepository(target, clock=fixed_clock, pool_size=2, **options)


def raw_rows(repository: SQLRepository, query: str) -> list[tuple[object, ...]]:
    """Rows of a query run straight on the store's tables (to check what is stored)."""
    with repository._transaction(write=False) as cursor:
        return [tuple(row) for row in repository._all(cursor, query)]


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def repo(request: pytest.FixtureRequest, backend: str) -> Iterator[SQLRepository]:
    """An empty repository with a fixed clock: in memory, or in a fresh PostgreSQL schema."""
    target = ":memory:" if backend == "sqlite" else request.getfixturevalue("postgres_url")
    with open_store(backend, target) as repository:
        yield repository


@pytest.fixture
def filled(repo: SQLRepository) -> SQLRepository:
    """The empty repository holding the catalogue, for tests that change it."""
    repo.replace_catalogue(build_catalogue(), build_report())
    return repo


@pytest.fixture(scope="session", params=BACKENDS)
def shared(request: pytest.FixtureRequest) -> Iterator[SQLRepository]:
    """One repository of each backend holding the catalogue, built once, for read-only tests."""
    if request.param == "sqlite":
        yield request.getfixturevalue("shared_file")
        return
    databases: Databases = request.getfixturevalue("postgres_databases")
    with open_store(request.param, databases.create("shared")) as repository:
        repository.replace_catalogue(build_catalogue(), build_report())
        yield repository


@pytest.fixture(scope="session")
def shared_file(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SQLiteRepository]:
    """One SQLite file holding the catalogue, built once, for read-only tests of the file."""
    path = tmp_path_factory.mktemp("store") / "shared.db"
    with SQLiteRepository(path, clock=fixed_clock) as repository:
        repository.replace_catalogue(build_catalogue(), build_report())
        yield repository


def store_copy(source: Path, target: Path) -> Path:
    """A consistent copy of a SQLite store (its write-ahead log folded in)."""
    with sqlite3.connect(source) as origin, sqlite3.connect(target) as copy:
        origin.backup(copy)
    origin.close()
    copy.close()
    return target


def damage_table(source: Path, target: Path, table: str = "initiatives") -> Path:
    """A copy of a store whose ``table`` has a page of garbage where its b-tree root was."""
    store_copy(source, target)
    with sqlite3.connect(target) as connection:
        (root,) = connection.execute(
            "SELECT rootpage FROM sqlite_master WHERE type = 'table' AND name = ?", [table]
        ).fetchone()
        (page_size,) = connection.execute("PRAGMA page_size").fetchone()
    connection.close()
    with target.open("r+b") as stream:
        stream.seek(page_size * (root - 1))
        stream.write(bytes(range(256)) * (page_size // 256))
    return target


def damage_text(source: Path, target: Path, text: str, filler: bytes = b"\xff") -> Path:
    """A copy of a store where every stored ``text`` became ``filler`` bytes (by default not
    UTF-8): the pages stay sound, the rows holding it do not decode."""
    store_copy(source, target)
    encoded = text.encode("utf-8")
    data = target.read_bytes()
    assert encoded in data
    target.write_bytes(data.replace(encoded, filler * len(encoded)))
    return target


@pytest.fixture(scope="session")
def damaged(shared_file: SQLiteRepository, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the shared store with a garbage page in its initiatives table."""
    folder = tmp_path_factory.mktemp("damaged")
    return damage_table(Path(shared_file.target), folder / "damaged.db")
