"""The interchange JSON document (``format: sse-atlas/1``) and its lossless inverse.

The keys of the design notes come first and stay stable; every other model field is carried
under an additional key so that a document ingested back gives the same records.
"""

from __future__ import annotations

from typing import Any

from sse_atlas.model.codec import load, to_value
from sse_atlas.model.dataset import Dataset
from sse_atlas.model.records import (
    Catalogue,
    Initiative,
    Involvement,
    Link,
    Organisation,
    Person,
    Place,
    Workshop,
)

FORMAT = "sse-atlas/1"

_PLACE_KEYS = ("city", "region", "country", "country_code", "latitude", "longitude")


class InterchangeError(ValueError):
    """A document that is not an SSE Atlas interchange document (message says why).

    ``line`` is the 1-based line of the document where the problem is, when it is known.
    """

    def __init__(self, message: str, line: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.line = line


def _first_url(links: list[Link]) -> str | None:
    return next((link.url or link.as_written for link in links), None)


def involvement_value(involvement: Involvement) -> dict[str, Any]:
    value = to_value(involvement)
    return {
        "name": value.pop("name"),
        "role": value.pop("role"),
        "person_id": value.pop("person_id"),
        "url": _first_url(involvement.links),
        **value,
    }


def _involvement(value: dict[str, Any]) -> Involvement:
    return load(Involvement, {k: v for k, v in value.items() if k != "url"})


def initiative_value(initiative: Initiative) -> dict[str, Any]:
    value = to_value(initiative)
    place = value.pop("place")
    links = value.pop("links")
    head = {
        "id": initiative.id,
        "code": value.pop("code"),
        "catalogue": value.pop("catalogue"),
        "workshop": value.pop("workshop"),
        "session": value.pop("session"),
        "date": value.pop("date"),
        "title": value.pop("title"),
        "organisation": value.pop("organisation"),
        "organisation_id": value.pop("organisation_id"),
        **{key: place[key] for key in _PLACE_KEYS},
        "description": value.pop("description"),
        "language": value.pop("language"),
        "presenters": [involvement_value(p) for p in initiative.presenters],
        "urls": links,
        "themes": value.pop("themes"),
        "sdgs": value.pop("sdgs"),
        "organisation_type": value.pop("organisation_type"),
        "flags": value.pop("flags"),
        "source": value.pop("source"),
    }
    value.pop("presenters")
    head["place_precision"] = place["precision"]
    head["place_as_written"] = place["as_written"]
    return {**head, **value}


def initiative_from_value(value: dict[str, Any]) -> Initiative:
    data = dict(value)
    data.pop("id", None)
    place = {key: data.pop(key, None) for key in _PLACE_KEYS}
    place["precision"] = data.pop("place_precision", None)
    place["as_written"] = data.pop("place_as_written", None)
    data["links"] = data.pop("urls", [])
    presenters = [_involvement(p) for p in data.pop("presenters", [])]
    initiative = load(Initiative, data)
    initiative.place = load(Place, place)
    initiative.presenters = presenters
    return initiative


def workshop_value(workshop: Workshop) -> dict[str, Any]:
    value = to_value(workshop)
    moderator = workshop.moderator
    for key in ("moderator", "panel", "speakers"):
        value.pop(key)
    return {
        "id": workshop.id,
        "code": value.pop("code"),
        "catalogue": value.pop("catalogue"),
        "session": value.pop("session"),
        "date": value.pop("date"),
        "title": value.pop("title"),
        "toc_title": value.pop("toc_title"),
        "kind": value.pop("kind"),
        "coordinator": value.pop("coordinator"),
        "moderator": moderator.name if moderator else None,
        "description": value.pop("description"),
        "panel": [involvement_value(member) for member in workshop.panel],
        "source": value.pop("source"),
        "moderator_details": involvement_value(moderator) if moderator else None,
        "speakers": [involvement_value(s) for s in workshop.speakers],
        **value,
    }


def workshop_from_value(value: dict[str, Any]) -> Workshop:
    data = dict(value)
    data.pop("id", None)
    data.pop("moderator", None)
    details = data.pop("moderator_details", None)
    panel = [_involvement(member) for member in data.pop("panel", [])]
    speakers = [_involvement(member) for member in data.pop("speakers", [])]
    workshop = load(Workshop, data)
    workshop.moderator = _involvement(details) if details else None
    workshop.panel = panel
    workshop.speakers = speakers
    return workshop


def catalogue_value(catalogue: Catalogue) -> dict[str, Any]:
    value: dict[str, Any] = to_value(catalogue)
    value.pop("workshops")
    value.pop("initiatives")
    return value


def dataset_to_document(dataset: Dataset) -> dict[str, Any]:
    """The whole dataset as one interchange document."""
    return {
        "format": FORMAT,
        "catalogues": [catalogue_value(c) for c in dataset.catalogues],
        "workshops": [workshop_value(w) for c in dataset.catalogues for w in c.workshops],
        "initiatives": [initiative_value(i) for c in dataset.catalogues for i in c.initiatives],
        "organisations": [to_value(o) for o in dataset.organisations],
        "people": [to_value(p) for p in dataset.people],
    }


def document_to_dataset(document: Any) -> Dataset:
    """Records from an interchange document; raises :class:`InterchangeError` when it is not one."""
    if not isinstance(document, dict) or not str(document.get("format", "")).startswith(
        "sse-atlas/"
    ):
        raise InterchangeError("not an SSE Atlas export (no 'format': 'sse-atlas/1' key)")
    if document["format"] != FORMAT:
        raise InterchangeError(f"unsupported format {document['format']!r}; expected {FORMAT!r}")
    try:
        catalogues = [load(Catalogue, value) for value in document.get("catalogues", [])]
        by_id = {catalogue.id: catalogue for catalogue in catalogues}
        for value in document.get("workshops", []):
            workshop = workshop_from_value(value)
            by_id[workshop.catalogue].workshops.append(workshop)
        for value in document.get("initiatives", []):
            initiative = initiative_from_value(value)
            by_id[initiative.catalogue].initiatives.append(initiative)
        organisations = [load(Organisation, o) for o in document.get("organisations", [])]
        people = [load(Person, p) for p in document.get("people", [])]
    except (KeyError, TypeError, ValueError, AttributeError, OverflowError) as error:
        raise InterchangeError(f"malformed record: {error!r}") from error
    return Dataset(catalogues=catalogues, organisations=organisations, people=people)
