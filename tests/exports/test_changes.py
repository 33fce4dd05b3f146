"""``export --format changes``: the change log as JSON Lines, replayed onto a fresh ingest."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from sse_atlas.cli import main
from sse_atlas.exports import exporter_for
from sse_atlas.kb import KnowledgeBase
from sse_atlas.model import Dataset
from sse_atlas.store.curation_types import FieldChange
from tests.conftest import SEED, copy_of

CaptureFixture = pytest.CaptureFixture[str]


@pytest.fixture(scope="module")
def curated(seed_kb: KnowledgeBase, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the seed with an edit, a revert, an accepted suggestion and a merge."""
    kb = copy_of(seed_kb, tmp_path_factory.mktemp("curated"))
    store = kb.repository.curation
    (first,) = kb.curation.change(
        "gsef2018-fr/3.1.1", [FieldChange("title", "Titre corrigé")], author="ed", reason="typo"
    )
    kb.curation.change(
        "gsef2018-fr/3.1.2", [FieldChange("description", "Autre")], author="ed", reason="x"
    )
    store.revert(first.seq + 1, author="ed", reason="no")
    suggestion = kb.curation.suggest("gsef2018-fr/3.1.3", "title", "=HYPERLINK(1)", "m", "Zoé")
    store.accept(suggestion.id, editor="ed", reason="ok")
    kb.curation.merge("person/erika-martinez", "person/maria-martinez", author="ed", reason="one")
    location = kb.location
    kb.close()
    return Path(location)


def _export(capsys: CaptureFixture, db: Path, form: str) -> str:
    capsys.readouterr()
    assert main(["export", "--format", form, "--db", str(db)]) == 0
    return capsys.readouterr().out


def test_changes_export_lines(capsys: CaptureFixture, curated: Path) -> None:
    lines = [json.loads(line) for line in _export(capsys, curated, "changes").splitlines()]
    assert [(x.get("type"), x.get("field") or x.get("kind"), x.get("origin")) for x in lines] == [
        (None, None, None),
        ("change", "title", "edit"),
        ("change", "description", "edit"),
        ("change", "description", "revert"),
        ("change", "title", "suggestion"),
        ("rule", "same-as", None),
    ]


def test_changes_replayed_on_a_fresh_ingest_give_the_same_knowledge_base(
    capsys: CaptureFixture, curated: Path, tmp_path: Path
) -> None:
    log = tmp_path / "changes.jsonl"
    log.write_text(_export(capsys, curated, "changes"), encoding="utf-8")
    fresh = tmp_path / "fresh.db"
    assert main(["ingest", str(SEED), str(log), "--db", str(fresh)]) == 0
    assert _export(capsys, fresh, "json") == _export(capsys, curated, "json")
    assert _export(capsys, fresh, "changes") == log.read_text(encoding="utf-8")


def test_changes_replayed_twice_is_refused(
    capsys: CaptureFixture, curated: Path, tmp_path: Path
) -> None:
    log = tmp_path / "changes.jsonl"
    log.write_text(_export(capsys, curated, "changes"), encoding="utf-8")
    assert main(["ingest", str(log), "--db", str(curated)]) == 1
    assert capsys.readouterr().err == (
        f"{log}: this knowledge base has a change log already: replay onto a fresh ingest\n"
    )


def test_changes_bad_line_names_the_file_and_line(capsys: CaptureFixture, tmp_path: Path) -> None:
    log = tmp_path / "changes.jsonl"
    log.write_text('{"format": "sse-atlas-changes/1"}\n{"type": "change"}\n', encoding="utf-8")
    assert main(["ingest", str(log), "--db", str(tmp_path / "kb.db")]) == 1
    assert capsys.readouterr().err == f"{log}:2: missing key 'seq'\n"


def test_changes_exporter_without_a_log_refuses() -> None:
    with pytest.raises(ValueError, match="no change log was given"):
        exporter_for("changes").write(io.StringIO(), Dataset([], [], []))


def test_accepted_formula_suggestion_stays_text_in_xlsx(curated: Path, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    target = tmp_path / "atlas.xlsx"
    assert main(["export", "--format", "xlsx", "-o", str(target), "--db", str(curated)]) == 0
    workbook = load_workbook(target)
    cells = [
        cell
        for sheet in workbook.worksheets
        for row in sheet.iter_rows()
        for cell in row
        if cell.value == "=HYPERLINK(1)"
    ]
    assert [cell.data_type for cell in cells] == ["s"]


def test_accepted_formula_suggestion_is_neutralised_in_csv(
    capsys: CaptureFixture, curated: Path
) -> None:
    import csv

    table = list(csv.DictReader(io.StringIO(_export(capsys, curated, "csv"))))
    (title,) = [row["title"] for row in table if row["id"] == "gsef2018-fr/3.1.3"]
    assert title == "'=HYPERLINK(1)"
