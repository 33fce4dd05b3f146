"""Curators' edits: checked when recorded, applied on every read, kept across re-ingest."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from sse_atlas.model import Catalogue, Initiative, Involvement, Place, QualityReport, Workshop
from sse_atlas.store import Edit, StoreError
from sse_atlas.store.edits import apply_edits, encode_value, field_type
from sse_atlas.store.sql import SQLRepository
from tests.store.conftest import raw_rows

FIRST = "gsef2018-fr/4.2.1"
PANEL = "gsef2018-fr/4.3"


def test_record_edit_applied_on_read(filled: SQLRepository, catalogue: Catalogue) -> None:
    filled.record_edit(FIRST, "title", "Chantier (titre revu)")
    expected = dataclasses.replace(catalogue.initiatives[0], title="Chantier (titre revu)")
    assert filled.initiative(FIRST) == expected
    assert filled.initiatives() == [expected, *catalogue.initiatives[1:]]
    edited = filled.catalogue(catalogue.id)
    assert edited is not None
    assert edited.initiatives[0] == expected


def test_record_edit_survives_reingest(
    filled: SQLRepository, catalogue: Catalogue, report: QualityReport
) -> None:
    filled.record_edit(FIRST, "place.city", "Montreal")
    filled.record_edit(PANEL, "coordinator", "RIPESS Intercontinental")
    filled.replace_catalogue(catalogue, report)
    initiative = filled.initiative(FIRST)
    workshop = filled.workshop(PANEL)
    assert initiative is not None and workshop is not None
    assert initiative.place.city == "Montreal"
    assert workshop.coordinator == "RIPESS Intercontinental"
    assert filled.workshops()[1] == workshop


def test_record_edit_later_wins(filled: SQLRepository) -> None:
    filled.record_edit(FIRST, "language", "en")
    filled.record_edit(FIRST, "language", "es")
    initiative = filled.initiative(FIRST)
    assert initiative is not None
    assert initiative.language == "es"


def test_record_edit_typed_values(filled: SQLRepository, catalogue: Catalogue) -> None:
    new_place = Place(city="Québec", country="Canada", country_code="CA")
    presenters = [Involvement("Nancy Neamtan", role="Présidente", person_id="p-neamtan")]
    filled.record_edit(FIRST, "date", dt.date(2018, 10, 3))
    filled.record_edit(FIRST, "place", new_place)
    filled.record_edit(FIRST, "presenters", presenters)
    filled.record_edit(FIRST, "sdgs", [1, 17])
    assert filled.initiative(FIRST) == dataclasses.replace(
        catalogue.initiatives[0],
        date=dt.date(2018, 10, 3),
        place=new_place,
        presenters=presenters,
        sdgs=[1, 17],
    )


def test_record_edit_value_none_clears(filled: SQLRepository) -> None:
    filled.record_edit(PANEL, "moderator", None)
    workshop = filled.workshop(PANEL)
    assert workshop is not None
    assert workshop.moderator is None


def test_edits_listed_in_order(filled: SQLRepository, now: dt.datetime) -> None:
    filled.record_edit(FIRST, "date", dt.date(2018, 10, 3), note="programme erratum")
    filled.record_edit(PANEL, "moderator.name", "Ana Pérez Ruiz")
    assert filled.edits() == [
        Edit(FIRST, "date", "2018-10-03", now, "programme erratum"),
        Edit(PANEL, "moderator.name", "Ana Pérez Ruiz", now),
    ]
    assert filled.edits(PANEL) == [Edit(PANEL, "moderator.name", "Ana Pérez Ruiz", now)]
    assert filled.edits("gsef2018-fr/1.1.1") == []


def test_record_edit_updates_query_columns(filled: SQLRepository, catalogue: Catalogue) -> None:
    filled.record_edit(FIRST, "place.country_code", "FR")
    filled.record_edit(FIRST, "presenters", [Involvement("Nancy Neamtan")])
    filled.replace_catalogue(catalogue, QualityReport(document="x"))
    country = raw_rows(filled, f"SELECT country_code FROM initiatives WHERE id = '{FIRST}'")
    names = raw_rows(filled, f"SELECT name FROM involvements WHERE record_id = '{FIRST}'")
    assert (country, names) == ([("FR",)], [("Nancy Neamtan",)])


@pytest.mark.parametrize(
    ("record_id", "field", "value", "message"),
    [
        ("gsef2018-fr/9.9", "title", "x", "no initiative or workshop with id 'gsef2018-fr/9.9'"),
        (FIRST, "colour", "x", "unknown field 'colour' for Initiative"),
        (FIRST, "place.planet", "x", "unknown field 'place.planet' for Initiative"),
        (FIRST, "title.first", "x", "unknown field 'title.first': 'title' has no fields"),
        (FIRST, "id", "x", "unknown field 'id' for Initiative"),
        (FIRST, "code", "4.2.9", "field 'code' is part of the record's id and cannot be edited"),
        (FIRST, "session", "four", "value 'four' does not fit field 'session' (int | None)"),
        (FIRST, "session", True, "value True does not fit field 'session' (int | None)"),
        (
            FIRST,
            "date",
            "2 octobre",
            "value '2 octobre' does not fit field 'date' (date | None):"
            " Invalid isoformat string: '2 octobre'",
        ),
        (FIRST, "sdgs", ["8"], "value ['8'] does not fit field 'sdgs' (list[int])"),
        (FIRST, "title", None, "value None does not fit field 'title' (str)"),
        (
            PANEL,
            "kind",
            "plenary",
            "value 'plenary' does not fit field 'kind' (WorkshopKind):"
            " 'plenary' is not a valid WorkshopKind",
        ),
        (
            PANEL,
            "panel",
            [{"role": "x"}],
            "value [{'role': 'x'}] does not fit field 'panel' (list[Involvement]):"
            " Involvement.__init__() missing 1 required positional argument: 'name'",
        ),
        (
            FIRST,
            "place",
            {"city": 5},
            "value {'city': 5} does not fit field 'place' (Place)",
        ),
        (
            "gsef2018-fr/4.2",
            "moderator.name",
            "X",
            "field 'moderator.name' cannot be set on gsef2018-fr/4.2: a parent is empty",
        ),
    ],
)
def test_record_edit_rejected(
    filled: SQLRepository, record_id: str, field: str, value: object, message: str
) -> None:
    with pytest.raises(StoreError) as raised:
        filled.record_edit(record_id, field, value)
    assert str(raised.value) == message
    assert filled.edits() == []


def test_field_type_nested() -> None:
    assert (field_type(Initiative, "place.latitude"), field_type(Workshop, "moderator.role")) == (
        float | None,
        str | None,
    )


def test_encode_value_json_form() -> None:
    assert encode_value(Initiative, "place", Place(city="Lyon")) == {
        "city": "Lyon",
        "region": None,
        "country": None,
        "country_code": None,
        "latitude": None,
        "longitude": None,
        "precision": None,
        "as_written": None,
    }


def test_apply_edits_skips_unreachable(now: dt.datetime) -> None:
    workshop = Workshop("4.2", "Atelier", "gsef2018-fr")
    edits = [
        Edit(workshop.id, "moderator.name", "Ana", now),
        Edit(workshop.id, "title", "Atelier revu", now),
        Edit(workshop.id, "vanished", "x", now),
    ]
    assert apply_edits(workshop, edits) == Workshop("4.2", "Atelier revu", "gsef2018-fr")


def test_apply_edits_creates_empty_parent(now: dt.datetime) -> None:
    initiative = Initiative("1.1.1", "Titre", "c", place=None)  # type: ignore[arg-type]
    edited = apply_edits(initiative, [Edit(initiative.id, "place.city", "Lyon", now)])
    assert edited == Initiative("1.1.1", "Titre", "c", place=Place(city="Lyon"))


@pytest.mark.parametrize(
    ("path", "value", "message"),
    [
        (
            "links",
            [{"as_written": "javascript:alert(1)", "url": "javascript:alert(1)", "problem": None}],
            "links.as_written: a link may not use the javascript: scheme (http or https)",
        ),
        (
            "links",
            [{"as_written": "www.x.org", "url": "data:text/html,<b>x</b>", "problem": None}],
            "links.url: a link may not use the data: scheme (http or https)",
        ),
    ],
)
def test_encode_value_unsafe_link_refused(path: str, value: object, message: str) -> None:
    with pytest.raises(StoreError) as raised:
        encode_value(Initiative, path, value)
    assert str(raised.value) == message


def test_encode_value_web_link_accepted() -> None:
    link = {"as_written": "www.x.org", "url": "https://www.x.org", "problem": None}
    assert encode_value(Initiative, "links", [link]) == [link]
