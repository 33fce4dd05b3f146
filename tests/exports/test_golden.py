"""Every format on the small catalogue, compared with its golden file.

``UPDATE_GOLDEN=1 pytest tests/exports`` writes the files anew; review the diff before keeping it.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import os
from collections.abc import Callable

import pytest
from openpyxl import load_workbook

from sse_atlas.exports import exporter_for, formats
from sse_atlas.exports.changes import ChangesExporter
from sse_atlas.exports.csvfile import CsvExporter
from sse_atlas.exports.frab import FrabExporter
from sse_atlas.exports.ical import IcalExporter
from sse_atlas.exports.xlsx import XlsxExporter
from sse_atlas.model import Dataset
from sse_atlas.store.curation_types import Change, StoredRule

from .helpers import GOLDEN, STAMP, RecordingStream, padded_rows, render


def workbook_values(dataset: Dataset) -> str:
    """The spreadsheet's cells as JSON: the file itself carries the time it was written."""
    target = io.BytesIO()
    XlsxExporter().write(target, dataset)
    workbook = load_workbook(io.BytesIO(target.getvalue()), read_only=True)
    sheets = {
        sheet.title: padded_rows(sheet.iter_rows(values_only=True)) for sheet in workbook.worksheets
    }
    workbook.close()
    return json.dumps(sheets, ensure_ascii=False, indent=1) + "\n"


def change_log(dataset: Dataset) -> str:
    """A small log: an edit, its revert, an accepted suggestion carrying a formula, a merge."""
    at = dt.datetime(2026, 12, 3, 15, 0, tzinfo=dt.UTC)
    title = dataset.catalogues[0].initiatives[0]
    edit = Change(
        1, title.id, "title", title.title, "Corrigé", title.title, "ed", "edit", "typo", at
    )
    changes = [
        edit,
        Change(
            2, title.id, "title", "Corrigé", title.title, title.title, "ed", "revert", "no", at, 1
        ),
        Change(
            3,
            title.id,
            "description",
            None,
            "=HYPERLINK(1)",
            None,
            "ed",
            "suggestion",
            "ok",
            at,
            credit="<b>Zoé</b>",
        ),
    ]
    rules = [StoredRule(1, "person", "same-as", "a-b", "a-c", "A B", "A C", "ed", "one", at, False)]
    return render(ChangesExporter(changes, rules), dataset)


CASES: dict[str, Callable[[Dataset], str]] = {
    "changes.jsonl": change_log,
    "initiatives.csv": lambda d: render(CsvExporter("initiatives"), d),
    "workshops.csv": lambda d: render(CsvExporter("workshops"), d),
    "organisations.csv": lambda d: render(CsvExporter("organisations"), d),
    "people.csv": lambda d: render(CsvExporter("people"), d),
    "workbook.xlsx.json": workbook_values,
    "initiatives.geojson": lambda d: render(exporter_for("geojson"), d),
    "dataset.jsonld": lambda d: render(exporter_for("jsonld"), d),
    "dataset.ttl": lambda d: render(exporter_for("turtle"), d),
    "programme.ics": lambda d: render(IcalExporter(stamp=STAMP), d),
    "schedule.json": lambda d: render(FrabExporter(time_zone="Europe/Madrid"), d),
    "dataset.json": lambda d: render(exporter_for("json"), d),
    "dataset.jsonl": lambda d: render(exporter_for("jsonl"), d),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_export_matches_golden_file(name: str, small_dataset: Dataset) -> None:
    text = CASES[name](small_dataset)
    path = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN") == "1":
        with path.open("w", encoding="utf-8", newline="") as stream:
            stream.write(text)
    with path.open(encoding="utf-8", newline="") as stream:
        assert text == stream.read()


def test_golden_files_are_each_made_by_a_case() -> None:
    assert sorted(path.name for path in GOLDEN.iterdir()) == sorted(CASES)


def test_every_registered_format_has_a_golden_file() -> None:
    covered = {
        "changes",
        "csv",
        "xlsx",
        "geojson",
        "jsonld",
        "turtle",
        "ical",
        "frab",
        "json",
        "jsonl",
    }
    assert formats() == sorted(covered)


@pytest.mark.parametrize(
    "identifier", ["csv", "geojson", "jsonld", "ical", "frab", "json", "jsonl"]
)
def test_export_writes_record_by_record(identifier: str, full_dataset: Dataset) -> None:
    for catalogue in full_dataset.catalogues:
        for initiative in catalogue.initiatives:  # located, so that GeoJSON has features
            initiative.place.latitude, initiative.place.longitude = 43.26, -2.93
    stream = RecordingStream()
    exporter_for(identifier).write(stream, full_dataset)
    # no single write holds more than a small part of the whole
    assert stream.longest < len(stream.getvalue()) / 10
