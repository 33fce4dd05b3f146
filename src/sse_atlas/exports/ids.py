"""Stable public identifiers of exported records: URIs, calendar UIDs and UUIDs.

Each identifier is made from the record's own stable id (``gsef2018-fr/4.2.1``,
``person/david-levine``), so that exporting the same data twice gives the same identifiers.
"""

from __future__ import annotations

import uuid
from typing import Final
from urllib.parse import quote

BASE: Final = "https://sse-atlas.org/id/"
UID_DOMAIN: Final = "sse-atlas.org"


def record_uri(kind: str, record_id: str) -> str:
    """``record_uri("initiative", "gsef2018-fr/4.2.1")`` -> ``https://sse-atlas.org/id/initiative/gsef2018-fr/4.2.1``."""
    return f"{BASE}{kind}/{quote(record_id, safe='/-._~')}"


def entity_uri(entity_id: str) -> str:
    """An organisation's or person's URI from its id, which already names its kind."""
    return f"{BASE}{quote(entity_id, safe='/-._~')}"


def catalogue_uri(catalogue_id: str) -> str:
    return record_uri("catalogue", catalogue_id)


def day_uri(catalogue_id: str, date: str) -> str:
    return record_uri("day", f"{catalogue_id}/{date}")


def session_uri(catalogue_id: str, number: int) -> str:
    return record_uri("session", f"{catalogue_id}/{number}")


def workshop_uri(workshop_id: str) -> str:
    return record_uri("workshop", workshop_id)


def initiative_uri(initiative_id: str) -> str:
    return record_uri("initiative", initiative_id)


def stable_uuid(uri: str) -> str:
    """A name-based UUID (version 5, URL namespace) of a URI."""
    return str(uuid.uuid5(uuid.NAMESPACE_URL, uri))
