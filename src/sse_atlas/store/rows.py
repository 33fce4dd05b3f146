"""Records as table rows: queryable columns plus the whole record as JSON in ``data``."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from sse_atlas.model import (
    Catalogue,
    Day,
    Initiative,
    Involvement,
    Organisation,
    Person,
    Session,
    Workshop,
)
from sse_atlas.model.codec import load, to_value

T = TypeVar("T")

Row = dict[str, object]


def dumps(obj: object) -> str:
    """JSON text of a model object or plain value (field order kept, non-ASCII as is)."""
    return json.dumps(to_value(obj), ensure_ascii=False, separators=(",", ":"))


def loads(tp: type[T], text: str) -> T:
    return load(tp, json.loads(text))


def _date(value: dt.date | None) -> str | None:
    return None if value is None else value.isoformat()


def catalogue_row(catalogue: Catalogue) -> Row:
    # The records live in their own tables; `data` holds the catalogue's own fields.
    bare = dataclasses.replace(catalogue, days=[], sessions=[], workshops=[], initiatives=[])
    return {
        "id": catalogue.id,
        "title": catalogue.title,
        "forum": catalogue.forum,
        "edition": catalogue.edition,
        "city": catalogue.city,
        "start_date": _date(catalogue.start_date),
        "end_date": _date(catalogue.end_date),
        "language": catalogue.language,
        "source": catalogue.source,
        "sha256": catalogue.sha256,
        "data": dumps(bare),
    }


def day_row(catalogue_id: str, ordinal: int, day: Day) -> Row:
    return {
        "catalogue_id": catalogue_id,
        "ordinal": ordinal,
        "date": _date(day.date),
        "label": day.label,
        "data": dumps(day),
    }


def session_row(catalogue_id: str, ordinal: int, session: Session) -> Row:
    return {
        "catalogue_id": catalogue_id,
        "ordinal": ordinal,
        "number": session.number,
        "date": _date(session.date),
        "heading": session.heading,
        "data": dumps(session),
    }


def workshop_row(ordinal: int, raw: Workshop, edited: Workshop) -> Row:
    """Columns from the edited record (what queries should see), ``data`` from the raw one."""
    return {
        "id": edited.id,
        "catalogue_id": edited.catalogue,
        "ordinal": ordinal,
        "code": edited.code,
        "title": edited.title,
        "session": edited.session,
        "date": _date(edited.date),
        "kind": edited.kind.value,
        "coordinator": edited.coordinator,
        "moderator": None if edited.moderator is None else edited.moderator.name,
        "data": dumps(raw),
    }


def initiative_row(ordinal: int, raw: Initiative, edited: Initiative) -> Row:
    """Columns from the edited record (what queries should see), ``data`` from the raw one."""
    place = edited.place
    return {
        "id": edited.id,
        "catalogue_id": edited.catalogue,
        "ordinal": ordinal,
        "code": edited.code,
        "title": edited.title,
        "workshop": edited.workshop,
        "session": edited.session,
        "date": _date(edited.date),
        "organisation": edited.organisation,
        "organisation_id": edited.organisation_id,
        "organisation_type": edited.organisation_type,
        "city": place.city,
        "region": place.region,
        "country": place.country,
        "country_code": place.country_code,
        "latitude": place.latitude,
        "longitude": place.longitude,
        "language": edited.language,
        "data": dumps(raw),
    }


def _involvement_row(
    catalogue_id: str, record_type: str, record_id: str, ordinal: int, kind: str, who: Involvement
) -> Row:
    return {
        "catalogue_id": catalogue_id,
        "record_type": record_type,
        "record_id": record_id,
        "ordinal": ordinal,
        "position": who.position,
        "name": who.name,
        "role": who.role,
        "kind": kind,
        "organisation": who.organisation,
        "country_code": who.country_code,
        "person_id": who.person_id,
    }


def involvement_rows(record: Initiative | Workshop) -> list[Row]:
    """One row per presenter, panelist and moderator, in document order."""
    if isinstance(record, Initiative):
        record_type = "initiative"
        people = [(who.kind, who) for who in record.presenters]
    else:
        record_type = "workshop"
        people = [(who.kind, who) for who in record.panel]
        if record.moderator is not None:
            # The slot says what the person does, whatever kind the parser left on them.
            people.append(("moderator", record.moderator))
    return [
        _involvement_row(record.catalogue, record_type, record.id, ordinal, kind, who)
        for ordinal, (kind, who) in enumerate(people, start=1)
    ]


def record_rows(
    ordinal: int, raw: Initiative | Workshop, edited: Initiative | Workshop
) -> list[tuple[str, Row]]:
    """A record's row and its involvements' rows, by table."""
    found: list[tuple[str, Row]] = []
    if isinstance(raw, Initiative) and isinstance(edited, Initiative):
        found.append(("initiatives", initiative_row(ordinal, raw, edited)))
    elif isinstance(raw, Workshop) and isinstance(edited, Workshop):
        found.append(("workshops", workshop_row(ordinal, raw, edited)))
    found.extend(("involvements", row) for row in involvement_rows(edited))
    return found


def catalogue_tables(
    catalogue: Catalogue, edited: Callable[[Initiative | Workshop], Initiative | Workshop]
) -> dict[str, list[Row]]:
    """Every row of a catalogue by table, in insert order; ``edited`` gives the record the
    queryable columns show (its stored edits applied)."""
    tables: dict[str, list[Row]] = {
        "catalogues": [catalogue_row(catalogue)],
        "days": [day_row(catalogue.id, n, day) for n, day in enumerate(catalogue.days, 1)],
        "sessions": [
            session_row(catalogue.id, n, session) for n, session in enumerate(catalogue.sessions, 1)
        ],
        "workshops": [],
        "initiatives": [],
        "involvements": [],
    }
    groups: list[Sequence[Initiative | Workshop]] = [catalogue.workshops, catalogue.initiatives]
    for records in groups:
        for ordinal, raw in enumerate(records, start=1):
            for table, row in record_rows(ordinal, raw, edited(raw)):
                tables[table].append(row)
    return tables


def organisation_row(ordinal: int, organisation: Organisation) -> Row:
    return {
        "id": organisation.id,
        "ordinal": ordinal,
        "name": organisation.name,
        "type": organisation.type,
        "country_code": organisation.country_code,
        "city": organisation.city,
        "data": dumps(organisation),
    }


def person_row(ordinal: int, person: Person) -> Row:
    return {"id": person.id, "ordinal": ordinal, "name": person.name, "data": dumps(person)}


def insert_statement(table: str, row: Row) -> tuple[str, list[Any]]:
    """An INSERT with ``?`` placeholders (table and column names are code constants)."""
    columns = ", ".join(row)
    marks = ", ".join("?" for _ in row)
    return f"INSERT INTO {table} ({columns}) VALUES ({marks})", list(row.values())
