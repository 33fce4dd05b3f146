"""Storing and loading catalogues, entities and reports."""

from __future__ import annotations

import dataclasses
import sqlite3
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from sse_atlas.model import (
    Catalogue,
    CountCheck,
    Organisation,
    Person,
    QualityReport,
    Session,
)
from sse_atlas.store import StoreError, open_repository, rows
from sse_atlas.store.sql import SQLRepository
from tests.store.conftest import raw_rows

FULL_COUNTS = {
    "catalogues": 1,
    "days": 1,
    "sessions": 1,
    "workshops": 2,
    "initiatives": 3,
    "organisations": 0,
    "people": 0,
}


def test_catalogue_round_trip_equal(shared: SQLRepository, catalogue: Catalogue) -> None:
    assert shared.catalogue(catalogue.id) == catalogue


def test_catalogues_lists_full_objects(shared: SQLRepository, catalogue: Catalogue) -> None:
    assert shared.catalogues() == [catalogue]


def test_catalogue_unknown_none(shared: SQLRepository) -> None:
    assert shared.catalogue("nowhere") is None


def test_initiatives_document_order(shared: SQLRepository, catalogue: Catalogue) -> None:
    assert shared.initiatives() == catalogue.initiatives
    assert shared.initiatives(catalogue.id) == catalogue.initiatives


def test_initiatives_other_catalogue_empty(shared: SQLRepository) -> None:
    assert shared.initiatives("gsef2023-fr") == []


def test_initiative_by_id(shared: SQLRepository, catalogue: Catalogue) -> None:
    assert shared.initiative("gsef2018-fr/4.2.2") == catalogue.initiatives[1]
    assert shared.initiative("gsef2018-fr/9.9.9") is None


def test_workshops_document_order(shared: SQLRepository, catalogue: Catalogue) -> None:
    assert shared.workshops() == catalogue.workshops
    assert shared.workshops(catalogue.id) == catalogue.workshops


def test_workshop_coordinated_by_id(shared: SQLRepository, catalogue: Catalogue) -> None:
    assert shared.workshop("gsef2018-fr/4.3") == catalogue.workshops[1]
    assert shared.workshop("gsef2018-fr/4.9") is None


def test_counts_after_ingest(shared: SQLRepository) -> None:
    assert shared.counts() == FULL_COUNTS


def test_reports_stored_with_ingest(shared: SQLRepository, report: QualityReport) -> None:
    assert shared.reports() == [report]
    assert shared.reports("gsef2018-fr") == [report]
    assert shared.reports("gsef2023-fr") == []


def test_involvements_one_row_per_person(shared: SQLRepository) -> None:
    found = raw_rows(
        shared,
        "SELECT record_type, record_id, ordinal, position, name, role, kind, person_id"
        " FROM involvements ORDER BY record_type, record_id, ordinal",
    )
    assert found == [
        (
            "initiative",
            "gsef2018-fr/4.2.1",
            1,
            1,
            "Béatrice Alain",
            "Directrice",
            "presenter",
            "p-alain",
        ),
        ("initiative", "gsef2018-fr/4.2.1", 2, 2, "Jean Dupont", None, "presenter", None),
        (
            "initiative",
            "gsef2018-fr/4.2.2",
            1,
            1,
            "Mikel Lezamiz",
            "Coordinateur",
            "presenter",
            None,
        ),
        ("workshop", "gsef2018-fr/4.3", 1, 1, "Luc Martin", "FinanSol", "panelist", None),
        ("workshop", "gsef2018-fr/4.3", 2, 2, "Sofía Gómez", None, "panelist", None),
        ("workshop", "gsef2018-fr/4.3", 3, 1, "Ana Pérez", "RIPESS", "moderator", None),
    ]


def test_initiative_columns_queryable(shared: SQLRepository) -> None:
    found = raw_rows(
        shared,
        "SELECT id, catalogue_id, ordinal, code, workshop, session, date, city, country_code,"
        " latitude FROM initiatives ORDER BY ordinal",
    )
    assert found == [
        (
            "gsef2018-fr/4.2.1",
            "gsef2018-fr",
            1,
            "4.2.1",
            "4.2",
            4,
            "2018-10-02",
            "Montréal",
            "CA",
            45.50884,
        ),
        (
            "gsef2018-fr/4.2.2",
            "gsef2018-fr",
            2,
            "4.2.2",
            "4.2",
            4,
            "2018-10-02",
            "Arrasate",
            "ES",
            None,
        ),
        ("gsef2018-fr/4.2.3", "gsef2018-fr", 3, "4.2.3", "4.2", 4, "2018-10-02", None, None, None),
    ]


def test_replace_catalogue_reingest_replaces(
    filled: SQLRepository, catalogue: Catalogue, report: QualityReport
) -> None:
    catalogue.initiatives[0].title = "Titre corrigé"
    filled.replace_catalogue(catalogue, report)
    assert filled.counts() == FULL_COUNTS
    assert filled.catalogue(catalogue.id) == catalogue


def test_replace_catalogue_drops_removed_records(
    filled: SQLRepository, catalogue: Catalogue, report: QualityReport
) -> None:
    del catalogue.initiatives[2]
    filled.replace_catalogue(catalogue, report)
    assert filled.counts() == {**FULL_COUNTS, "initiatives": 2}
    assert filled.initiative("gsef2018-fr/4.2.3") is None


def test_replace_catalogue_failure_rolls_back(
    filled: SQLRepository,
    catalogue: Catalogue,
    report: QualityReport,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    before = filled.catalogue(catalogue.id)
    real = rows.initiative_row
    calls: list[int] = []

    def failing(ordinal: int, raw: object, edited: object) -> rows.Row:
        calls.append(ordinal)
        if ordinal == 2:
            raise RuntimeError("disk on fire")
        return real(ordinal, raw, edited)  # type: ignore[arg-type]

    monkeypatch.setattr(rows, "initiative_row", failing)
    catalogue.title = "Nouveau titre"
    new_report = dataclasses.replace(report, counts=[CountCheck("initiatives", 3, 2)])
    with pytest.raises(RuntimeError, match="disk on fire"):
        filled.replace_catalogue(catalogue, new_report)
    assert calls == [1, 2]
    assert filled.catalogue(catalogue.id) == before
    assert filled.counts() == FULL_COUNTS
    assert filled.reports() == [report]


def test_replace_catalogue_database_error_is_store_error(
    filled: SQLRepository, catalogue: Catalogue, report: QualityReport
) -> None:
    before = filled.catalogue(catalogue.id)
    catalogue.title = "Nouveau titre"
    catalogue.initiatives[1].title = None  # type: ignore[assignment]
    with pytest.raises(StoreError, match=r"(?i)not.null"):
        filled.replace_catalogue(catalogue, report)
    assert filled.catalogue(catalogue.id) == before
    assert filled.counts() == FULL_COUNTS


def test_replace_catalogue_duplicate_ids_rejected(
    repo: SQLRepository, catalogue: Catalogue, report: QualityReport
) -> None:
    catalogue.initiatives[2].code = "4.2.1"
    with pytest.raises(StoreError) as raised:
        repo.replace_catalogue(catalogue, report)
    assert str(raised.value) == "duplicate initiative ids in gsef2018-fr: gsef2018-fr/4.2.1"
    assert repo.counts()["catalogues"] == 0


def test_replace_catalogue_foreign_record_rejected(
    repo: SQLRepository, catalogue: Catalogue, report: QualityReport
) -> None:
    catalogue.sessions.append(Session(5, "other"))
    catalogue.initiatives[0].catalogue = "other"
    with pytest.raises(StoreError) as raised:
        repo.replace_catalogue(catalogue, report)
    assert str(raised.value) == "session 5 belongs to catalogue 'other', not 'gsef2018-fr'"
    del catalogue.sessions[-1]
    with pytest.raises(StoreError) as raised:
        repo.replace_catalogue(catalogue, report)
    assert str(raised.value) == "initiative 4.2.1 belongs to catalogue 'other', not 'gsef2018-fr'"


def test_replace_catalogue_keeps_other_catalogues(
    filled: SQLRepository, catalogue: Catalogue, report: QualityReport
) -> None:
    other = Catalogue(id="gsef2023-fr", title="Dakar")
    other_report = QualityReport(document="gsef2023-fr.txt", catalogue="gsef2023-fr")
    filled.replace_catalogue(other, other_report)
    filled.replace_catalogue(catalogue, report)
    assert filled.catalogues() == [catalogue, other]
    assert filled.reports() == [other_report, report]
    assert filled.reports("gsef2023-fr") == [other_report]


def test_reports_latest_per_document(
    filled: SQLRepository, catalogue: Catalogue, report: QualityReport
) -> None:
    newer = dataclasses.replace(report, findings=[])
    filled.replace_catalogue(catalogue, newer)
    assert filled.reports() == [newer]


def test_replace_entities_round_trip(repo: SQLRepository) -> None:
    organisations = [
        Organisation("o-chantier", "Chantier de l'économie sociale", aliases=["Chantier"]),
        Organisation("o-mondragon", "Mondragon", type="cooperative", country_code="ES"),
    ]
    people = [Person("p-alain", "Béatrice Alain", roles=["Directrice"], initiatives=["x/1"])]
    repo.replace_entities(organisations, people)
    assert repo.organisations() == organisations
    assert repo.organisation("o-mondragon") == organisations[1]
    assert repo.organisation("o-none") is None
    assert repo.people() == people
    assert repo.person("p-alain") == people[0]
    assert repo.person("p-none") is None


def test_replace_entities_replaces(repo: SQLRepository) -> None:
    repo.replace_entities([Organisation("o-a", "A"), Organisation("o-b", "B")], [Person("p", "P")])
    repo.replace_entities([Organisation("o-c", "C")], [])
    assert repo.organisations() == [Organisation("o-c", "C")]
    assert repo.people() == []


def test_replace_entities_failure_rolls_back(repo: SQLRepository) -> None:
    repo.replace_entities([Organisation("o-a", "A")], [Person("p", "P")])
    with pytest.raises(StoreError, match=r"(?i)unique"):
        repo.replace_entities([Organisation("o-b", "B"), Organisation("o-b", "B2")], [])
    assert repo.organisations() == [Organisation("o-a", "A")]
    assert repo.people() == [Person("p", "P")]


def test_open_repository_file_persists(
    tmp_path: Path, catalogue: Catalogue, report: QualityReport
) -> None:
    path = tmp_path / "atlas.db"
    with open_repository(path) as repository:
        repository.replace_catalogue(catalogue, report)
    with open_repository(str(path)) as repository:
        assert repository.catalogue(catalogue.id) == catalogue
        assert repository.reports() == [report]


def test_open_repository_file_uses_wal(tmp_path: Path) -> None:
    path = tmp_path / "atlas.db"
    open_repository(path).close()
    with sqlite3.connect(path) as connection:
        mode = connection.execute("PRAGMA journal_mode").fetchone()
    connection.close()
    assert mode == ("wal",)


def test_open_repository_memory_starts_empty() -> None:
    with open_repository(":memory:") as repository:
        assert repository.counts() == dict.fromkeys(FULL_COUNTS, 0)


def test_open_repository_postgres_unreachable_error(tmp_path: Path) -> None:
    url = f"postgresql://atlas:secret@/atlas?host={tmp_path}&port=5"
    with pytest.raises(StoreError) as raised:
        open_repository(url)
    message = str(raised.value)
    assert message.startswith(f"cannot open database postgresql://atlas@/atlas?host={tmp_path}")
    assert "secret" not in message


def test_open_repository_missing_directory_error(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="cannot open database"):
        open_repository(tmp_path / "missing" / "atlas.db")


def test_open_repository_not_a_database_error(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    path.write_text("not a database\n" * 100)
    with pytest.raises(StoreError, match="cannot open database"):
        open_repository(path)


def test_closed_repository_error() -> None:
    repository = open_repository(":memory:")
    repository.close()
    repository.close()
    with pytest.raises(StoreError, match="the repository is closed"):
        repository.counts()


def test_two_repositories_share_a_file(
    tmp_path: Path, catalogue: Catalogue, report: QualityReport
) -> None:
    path = tmp_path / "atlas.db"
    with open_repository(path) as reader, open_repository(path) as writer:
        assert reader.catalogues() == []
        writer.replace_catalogue(catalogue, report)
        assert reader.catalogues() == [catalogue]


def test_threads_share_one_repository(
    tmp_path: Path, catalogue: Catalogue, report: QualityReport
) -> None:
    with open_repository(tmp_path / "atlas.db") as repository:
        repository.replace_catalogue(catalogue, report)

        def work(number: int) -> int:
            repository.record_edit("gsef2018-fr/4.2.1", "language", f"l{number}")
            repository.replace_catalogue(catalogue, report)
            return len(repository.initiatives())

        with ThreadPoolExecutor(max_workers=4) as pool:
            found = list(pool.map(work, range(12)))
        assert found == [3] * 12
        assert len(repository.edits()) == 12
        assert repository.counts() == FULL_COUNTS
