"""The one tabular view of a dataset: interchange records flattened to named cells.

Every tabular format (CSV, spreadsheet, GeoJSON properties) writes these rows, so a column is
an interchange key. Flattening rules:

- a nested mapping becomes one column per key, joined with ``_`` (``source.line_start`` ->
  ``source_line_start``); a person-like mapping (it has ``name`` and ``role``) stays one cell,
  ``Name (Role)``;
- a list becomes one cell, its items joined with ``"; "``: people as ``Name (Role)``, links as
  their normalised URL (else as written), vocabulary labels as ``scheme:code``, titled parts by
  title, other values as text;
- an empty list or a missing value is ``None`` (an empty cell).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from functools import cache
from typing import Any, Final

from sse_atlas.model import (
    Catalogue,
    Dataset,
    Initiative,
    Involvement,
    Organisation,
    Person,
    SourceRef,
    Workshop,
)
from sse_atlas.model.codec import to_value
from sse_atlas.model.interchange import initiative_value, workshop_value

Cell = str | int | float | None

ENTITIES: Final = ("initiatives", "workshops", "organisations", "people")
SEPARATOR: Final = "; "


class UnknownEntityError(ValueError):
    """An entity name that is not one of :data:`ENTITIES`."""

    def __init__(self, entity: str) -> None:
        super().__init__(f"unknown entity {entity!r}; choose one of: {', '.join(ENTITIES)}")


def person_label(value: dict[str, Any]) -> str:
    """``Name (Role)``, or the name alone when no role is known."""
    name = str(value.get("name") or "")
    role = value.get("role")
    return f"{name} ({role})" if role else name


def _item_label(item: Any) -> str:
    if isinstance(item, dict):
        if "name" in item and "role" in item:
            return person_label(item)
        if "as_written" in item:
            return str(item.get("url") or item["as_written"])
        if "scheme" in item and "code" in item:
            return f"{item['scheme']}:{item['code']}"
        if item.get("title"):
            return str(item["title"])
        return json.dumps(item, ensure_ascii=False, sort_keys=True)
    return str(item)


def flatten(value: dict[str, Any], prefix: str = "") -> dict[str, Cell]:
    """One interchange record as cells (see the module docstring for the rules)."""
    cells: dict[str, Cell] = {}
    for key, item in value.items():
        name = f"{prefix}{key}"
        if isinstance(item, dict):
            if "name" in item and "role" in item:
                cells[name] = person_label(item)
            else:
                cells.update(flatten(item, f"{name}_"))
        elif isinstance(item, list):
            cells[name] = SEPARATOR.join(_item_label(i) for i in item) if item else None
        elif item is None or isinstance(item, str | int | float):
            cells[name] = item
        else:  # pragma: no cover - interchange values are JSON types
            cells[name] = str(item)
    return cells


def _initiative_records(dataset: Dataset) -> Iterator[dict[str, Any]]:
    for catalogue in dataset.catalogues:
        for initiative in catalogue.initiatives:
            yield initiative_value(initiative)


def _workshop_records(dataset: Dataset) -> Iterator[dict[str, Any]]:
    for catalogue in dataset.catalogues:
        for workshop in catalogue.workshops:
            yield workshop_value(workshop)


def _organisation_records(dataset: Dataset) -> Iterator[dict[str, Any]]:
    for organisation in dataset.organisations:
        value: dict[str, Any] = to_value(organisation)
        yield value


def _person_records(dataset: Dataset) -> Iterator[dict[str, Any]]:
    for person in dataset.people:
        value: dict[str, Any] = to_value(person)
        yield value


_RECORDS: Final[dict[str, Callable[[Dataset], Iterator[dict[str, Any]]]]] = {
    "initiatives": _initiative_records,
    "workshops": _workshop_records,
    "organisations": _organisation_records,
    "people": _person_records,
}


def _template(entity: str) -> dict[str, Any]:
    # a record with every optional mapping filled, so that each nested key gets its column
    source = SourceRef("", 0, 0)
    if entity == "initiatives":
        return initiative_value(Initiative(code="", title="", catalogue="", source=source))
    if entity == "workshops":
        moderator = Involvement(name="")
        return workshop_value(
            Workshop(code="", title="", catalogue="", moderator=moderator, source=source)
        )
    if entity == "organisations":
        organisation: dict[str, Any] = to_value(Organisation(id="", name=""))
        return organisation
    person: dict[str, Any] = to_value(Person(id="", name=""))
    return person


@cache
def _columns(entity: str) -> tuple[str, ...]:
    if entity not in _RECORDS:
        raise UnknownEntityError(entity)
    return tuple(flatten(_template(entity)))


def columns(entity: str) -> list[str]:
    """The column names of an entity's rows, in order."""
    return list(_columns(entity))


def records(dataset: Dataset, entity: str) -> Iterator[dict[str, Any]]:
    """An entity's interchange records, one at a time."""
    if entity not in _RECORDS:
        raise UnknownEntityError(entity)
    return _RECORDS[entity](dataset)


def row(value: dict[str, Any], entity: str) -> list[Cell]:
    """One interchange record as the cells of :func:`columns`, in order."""
    cells = flatten(value)
    return [cells.get(name) for name in _columns(entity)]


# What a spreadsheet reads as the start of a formula (OWASP, "CSV injection"); TAB and CR too,
# since some programs drop them and read what follows.
FORMULA_STARTS: Final = ("=", "+", "-", "@", "\t", "\r")


def neutralise(cell: Cell) -> Cell:
    """A text cell a spreadsheet could run as a formula, made inert by a leading ``'``.

    Numbers are left alone: ``-77.03`` is a longitude, not a formula.
    """
    if isinstance(cell, str) and cell.startswith(FORMULA_STARTS):
        return "'" + cell
    return cell


def rows(dataset: Dataset, entity: str) -> Iterator[list[Cell]]:
    """An entity's rows, one at a time, in the order of :func:`columns`."""
    for value in records(dataset, entity):
        yield row(value, entity)


def catalogue_label(catalogue: Catalogue) -> str:
    """A catalogue as people name it: ``Global Social Economy Forum Bilbao 2018``."""
    year = str(catalogue.start_date.year) if catalogue.start_date else None
    parts = [part for part in (catalogue.forum, catalogue.city, year) if part]
    return " ".join(parts) if parts else (catalogue.title or catalogue.id)
