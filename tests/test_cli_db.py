"""``sse-atlas db``: upgrading a store's schema, copying a knowledge base between backends."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sse_atlas.cli import main
from sse_atlas.kb import KnowledgeBase
from sse_atlas.store import open_repository
from sse_atlas.store.schema import bundled_migrations

CaptureFixture = pytest.CaptureFixture[str]
EDITED = "gsef2018-fr/4.2.1"


def _run(capsys: CaptureFixture, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def _snapshot(capsys: CaptureFixture, target: str) -> tuple[object, object, object]:
    """What a copy must keep: the interchange JSON, every report, every edit."""
    _, exported, _ = _run(capsys, "export", "--format", "json", "--db", target)
    _, reports, _ = _run(capsys, "report", "--json", "--db", target)
    with open_repository(target) as repository:
        edits = repository.edits()
    return json.loads(exported), json.loads(reports), edits


def test_db_copy_round_trip_lossless(
    capsys: CaptureFixture, seed_kb: KnowledgeBase, store_target: str, tmp_path: Path
) -> None:
    original = str(tmp_path / "original.sqlite3")
    back = str(tmp_path / "back.sqlite3")
    assert main(["db", "copy", seed_kb.location, original]) == 0
    assert main(["edit", EDITED, "title", "Titre corrigé", "--note", "n", "--db", original]) == 0
    capsys.readouterr()
    code, out, err = _run(capsys, "db", "copy", original, store_target)
    assert (code, err) == (0, "")
    assert out.startswith(f"copied {original} to {store_target}: 1 catalogues, 102 initiatives")
    assert main(["db", "copy", store_target, back]) == 0
    capsys.readouterr()
    before = _snapshot(capsys, original)
    assert _snapshot(capsys, store_target) == before
    assert _snapshot(capsys, back) == before
    assert before[2] != []  # the edit came along


def test_db_copy_into_non_empty_store_refused(
    capsys: CaptureFixture, seed_kb: KnowledgeBase, store_target: str
) -> None:
    assert main(["db", "copy", seed_kb.location, store_target]) == 0
    with open_repository(store_target) as repository:
        label = getattr(repository, "label", store_target)
        counts = repository.counts()
    capsys.readouterr()
    code, out, err = _run(capsys, "db", "copy", seed_kb.location, store_target)
    message = "is not empty (catalogues, days, sessions, workshops, initiatives,"
    assert (code, out, err.startswith(f"sse-atlas: {label} {message}")) == (1, "", True)
    with open_repository(store_target) as repository:
        assert repository.counts() == counts


def test_db_copy_onto_other_file_refused(
    capsys: CaptureFixture, seed_kb: KnowledgeBase, tmp_path: Path
) -> None:
    existing = tmp_path / "notes.sqlite3"
    existing.write_text("mine\n" * 100)
    code, out, err = _run(capsys, "db", "copy", seed_kb.location, str(existing))
    assert (code, out, err.startswith(f"sse-atlas: cannot open database {existing}")) == (
        1,
        "",
        True,
    )
    assert existing.read_text() == "mine\n" * 100


def test_db_copy_missing_source_refused(capsys: CaptureFixture, tmp_path: Path) -> None:
    missing = tmp_path / "typo.sqlite3"
    code, out, err = _run(capsys, "db", "copy", str(missing), str(tmp_path / "copy.sqlite3"))
    assert (code, out, err) == (1, "", f"sse-atlas: {missing}: no such knowledge base file\n")
    assert sorted(tmp_path.iterdir()) == []


def test_db_upgrade_reports_applied_then_up_to_date(
    capsys: CaptureFixture, store_target: str
) -> None:
    migrations = bundled_migrations()
    newest = migrations[-1].version
    code, out, _ = _run(capsys, "db", "upgrade", "--db", store_target)
    assert (code, out.splitlines()) == (
        0,
        [f"{store_target}: applied {m.version:04d}_{m.name}" for m in migrations]
        + [f"{store_target}: now at schema version {newest}"],
    )
    code, out, _ = _run(capsys, "db", "upgrade", "--db", store_target)
    assert (code, out) == (0, f"{store_target}: up to date at schema version {newest}\n")


def test_serve_workers_memory_store_refused(capsys: CaptureFixture) -> None:
    code, out, err = _run(capsys, "serve", "--workers", "2", "--db", ":memory:")
    message = "sse-atlas: --workers: a store in memory cannot be shared; give a file or a URL\n"
    assert (code, out, err) == (1, "", message)


@pytest.mark.parametrize("workers", ["0", "65"])
def test_serve_workers_out_of_range_error(capsys: CaptureFixture, workers: str) -> None:
    code, out, err = _run(capsys, "serve", "--workers", workers, "--db", ":memory:")
    assert (code, out, err) == (1, "", f"sse-atlas: --workers {workers}: expected 1 to 64\n")


def test_db_copy_keeps_the_entity_tables_ready(
    capsys: CaptureFixture, seed_kb: KnowledgeBase, store_target: str
) -> None:
    assert main(["db", "copy", seed_kb.location, store_target]) == 0
    capsys.readouterr()
    with open_repository(seed_kb.location) as source, open_repository(store_target) as copied:
        assert (copied.entity_index().ready(), copied.organisations(), copied.people()) == (
            source.entity_index().ready(),
            source.organisations(),
            source.people(),
        )
