"""Checks on both sides of the tables: a catalogue before it is written, stored rows after."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from sse_atlas.model import (
    Catalogue,
    Day,
    Initiative,
    Organisation,
    Person,
    Session,
    Workshop,
)
from sse_atlas.store import rows
from sse_atlas.store.base import StoreError

# The tables whose ``data`` column holds a whole record, and the record's type.
RECORD_TABLES: dict[str, type] = {
    "catalogues": Catalogue,
    "days": Day,
    "sessions": Session,
    "workshops": Workshop,
    "initiatives": Initiative,
    "organisations": Organisation,
    "people": Person,
}


def check_catalogue(catalogue: Catalogue) -> None:
    """Reject what the tables could not hold faithfully, before anything is written."""
    records: list[Session | Workshop | Initiative] = [
        *catalogue.sessions,
        *catalogue.workshops,
        *catalogue.initiatives,
    ]
    for record in records:
        if record.catalogue != catalogue.id:
            label = (
                f"session {record.number}"
                if isinstance(record, Session)
                else f"{type(record).__name__.lower()} {record.code}"
            )
            raise StoreError(
                f"{label} belongs to catalogue {record.catalogue!r}, not {catalogue.id!r}"
            )
    for kind, ids in (
        ("initiative", [initiative.id for initiative in catalogue.initiatives]),
        ("workshop", [workshop.id for workshop in catalogue.workshops]),
    ):
        duplicates = sorted(record_id for record_id, n in Counter(ids).items() if n > 1)
        if duplicates:
            raise StoreError(f"duplicate {kind} ids in {catalogue.id}: {', '.join(duplicates)}")


def undecodable(table: str, tp: type, texts: Iterable[str]) -> list[str]:
    """The first row of ``table`` that is not a ``tp`` any more, as a problem line."""
    for text in texts:
        try:
            rows.loads(tp, text)
        except (ValueError, TypeError, KeyError, AttributeError) as error:
            return [f"{table}: a row does not decode: {error}"]
    return []
