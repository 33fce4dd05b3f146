"""Write transactions, the lock between writers, and the store's self-check."""

from __future__ import annotations

import json
import threading
from pathlib import Path

import pytest

from sse_atlas.model import Catalogue, Organisation, QualityReport
from sse_atlas.store import (
    DEFAULT_LOCK_TIMEOUT,
    ENV_LOCK_TIMEOUT,
    SQLiteRepository,
    StoreError,
    lock_timeout_from_environment,
    open_repository,
)
from sse_atlas.store.sql import SQLRepository
from tests.store.conftest import damage_table, damage_text, fixed_clock

EMPTY = {
    "catalogues": 0,
    "days": 0,
    "sessions": 0,
    "workshops": 0,
    "initiatives": 0,
    "organisations": 0,
    "people": 0,
}


def test_write_transaction_reads_and_writes_commit_together(
    tmp_path: Path, catalogue: Catalogue, report: QualityReport
) -> None:
    path = tmp_path / "atlas.db"
    with SQLiteRepository(path) as writer, SQLiteRepository(path) as reader:
        with writer.write_transaction() as store:
            seen = store.catalogues()
            store.replace_catalogue(catalogue, report)
            store.record_edit("gsef2018-fr/4.2.3", "title", "Titre corrigé")
            during = reader.counts()["catalogues"]
        after = reader.initiative("gsef2018-fr/4.2.3")
        assert (seen, during, after and after.title) == ([], 0, "Titre corrigé")


def test_write_transaction_error_rolls_back_everything(
    repo: SQLiteRepository, catalogue: Catalogue, report: QualityReport
) -> None:
    before = repo.generation()
    with pytest.raises(RuntimeError), repo.write_transaction() as store:
        store.replace_catalogue(catalogue, report)
        raise RuntimeError("stop")
    assert (repo.counts(), repo.generation()) == (EMPTY, before)


def test_write_transaction_caller_error_passes_unchanged(repo: SQLiteRepository) -> None:
    # Only the repository's own reads of stored rows mean damage; the caller's errors are its own.
    with pytest.raises(json.JSONDecodeError), repo.write_transaction():
        json.loads("{")


def test_write_transaction_failed_step_undone_alone(
    repo: SQLiteRepository, catalogue: Catalogue, report: QualityReport
) -> None:
    twice = [Organisation(id="o-x", name="X"), Organisation(id="o-x", name="X")]
    with repo.write_transaction() as store:
        # The catalogue rows are written before the duplicate organisation id fails.
        with pytest.raises(StoreError, match=r"(?i)unique constraint"):
            store.ingest([(catalogue, report)], twice, [])
        inside = store.counts()
        store.replace_entities(twice[:1], [])
    assert (inside, repo.counts()) == (EMPTY, {**EMPTY, "organisations": 1})


def test_second_writer_gives_up_after_lock_timeout(
    tmp_path: Path, catalogue: Catalogue, report: QualityReport
) -> None:
    path = tmp_path / "atlas.db"
    with (
        SQLiteRepository(path) as first,
        SQLiteRepository(path, lock_timeout=0.1) as second,
    ):
        with first.write_transaction() as store:
            store.replace_catalogue(catalogue, report)
            with pytest.raises(StoreError) as raised:
                second.record_edit("gsef2018-fr/4.2.3", "title", "Perdu")
            # Readers and newly opened repositories do not wait for the writer.
            read = second.counts()["catalogues"]
            with SQLiteRepository(path, lock_timeout=0.1) as third:
                opened = third.generation()
        assert (str(raised.value), read, opened, second.edits()) == (
            f"another process is writing to {path}; gave up after 0.1 s",
            0,
            0,
            [],
        )


def test_second_thread_waits_for_write_transaction(
    repo: SQLRepository, backend: str, catalogue: Catalogue, report: QualityReport
) -> None:
    """SQLite's one connection makes the reader thread queue behind the write; PostgreSQL's
    pool gives it a connection of its own, where it reads the last commit without waiting."""
    seen: list[int] = []
    holding = threading.Event()

    def read_when_free() -> None:
        holding.wait()
        seen.append(repo.counts()["catalogues"])

    reader = threading.Thread(target=read_when_free)
    reader.start()
    with repo.write_transaction() as store:
        holding.set()
        reader.join(timeout=0.2)  # blocked on the repository's lock until the commit
        store.replace_catalogue(catalogue, report)
    reader.join()
    assert seen == ([1] if backend == "sqlite" else [0])


def test_thread_gives_up_after_lock_timeout(tmp_path: Path) -> None:
    errors: list[str] = []
    with SQLiteRepository(tmp_path / "atlas.db", lock_timeout=0.05) as repository:
        with repository.write_transaction():
            worker = threading.Thread(target=lambda: _record_error(repository, errors))
            worker.start()
            worker.join()
        assert errors == [
            f"another process is writing to {repository.target}; gave up after 0.05 s"
        ]


def _record_error(repository: SQLiteRepository, errors: list[str]) -> None:
    try:
        repository.counts()
    except StoreError as error:
        errors.append(str(error))


def test_lock_timeout_from_environment_default(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(ENV_LOCK_TIMEOUT, raising=False)
    assert lock_timeout_from_environment() == DEFAULT_LOCK_TIMEOUT


def test_lock_timeout_from_environment_given(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(ENV_LOCK_TIMEOUT, "2.5")
    with open_repository(":memory:") as repository:
        assert isinstance(repository, SQLiteRepository)
        assert repository.lock_timeout == 2.5


@pytest.mark.parametrize("text", ["soon", "-1", "nan", "86401"])
def test_lock_timeout_from_environment_invalid(monkeypatch: pytest.MonkeyPatch, text: str) -> None:
    monkeypatch.setenv(ENV_LOCK_TIMEOUT, text)
    with pytest.raises(StoreError) as raised:
        lock_timeout_from_environment()
    assert str(raised.value) == f"SSE_ATLAS_LOCK_TIMEOUT={text!r}: expected seconds from 0 to 86400"


def test_check_sound_store_no_problems(shared: SQLRepository) -> None:
    assert (shared.check(), shared.check(thorough=True)) == ([], [])


def test_check_garbage_page_corrupt_error(damaged: Path) -> None:
    with SQLiteRepository(damaged) as repository, pytest.raises(StoreError) as raised:
        repository.check()
    assert str(raised.value) == (
        f"{damaged}: the database is corrupt (database disk image is malformed); restore a backup"
    )


def test_read_garbage_page_corrupt_error(damaged: Path) -> None:
    with SQLiteRepository(damaged) as repository, pytest.raises(StoreError) as raised:
        repository.initiatives()
    assert str(raised.value) == (
        f"{damaged}: the database is corrupt (database disk image is malformed); restore a backup"
    )


def test_check_undecodable_text_found_by_thorough_check(
    shared_file: SQLiteRepository, tmp_path: Path
) -> None:
    path = damage_text(Path(shared_file.target), tmp_path / "text.db", "Mondragon")
    with SQLiteRepository(path) as repository:
        quick = repository.check()
        with pytest.raises(StoreError) as raised:
            repository.check(thorough=True)
    assert (quick, str(raised.value)) == (
        [],
        f"{path}: the database is corrupt (Could not decode to UTF-8 column 'data');"
        " restore a backup",
    )


def test_check_broken_record_json_found_by_thorough_check(
    shared_file: SQLiteRepository, tmp_path: Path
) -> None:
    path = damage_text(Path(shared_file.target), tmp_path / "json.db", '"Mondragon"', b"!")
    with SQLiteRepository(path) as repository:
        problems = repository.check(thorough=True)
        with pytest.raises(StoreError) as raised:
            repository.initiatives()
    assert (problems, str(raised.value)) == (
        ["initiatives: a row does not decode: Expecting value: line 1 column 139 (char 138)"],
        f"{path}: the database is corrupt (unreadable record: Expecting value:"
        " line 1 column 139 (char 138)); restore a backup",
    )


def test_open_damaged_schema_table_corrupt_error(
    shared_file: SQLiteRepository, tmp_path: Path
) -> None:
    path = damage_table(Path(shared_file.target), tmp_path / "schema.db", "schema_migrations")
    with pytest.raises(StoreError) as raised:
        SQLiteRepository(path, clock=fixed_clock)
    assert str(raised.value) == (
        f"{path}: the database is corrupt (database disk image is malformed); restore a backup"
    )
