"""Views shared by page contexts: references to other pages, cards in lists, people, links."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Final
from urllib.parse import urlsplit

from sse_atlas.model import Initiative, Involvement, Link, SourceRef, Workshop
from sse_atlas.web import labels, urls

# URL schemes a page may link to; anything else in a catalogue is shown as text only
SAFE_SCHEMES: Final = frozenset({"http", "https", "mailto"})


@dataclass(frozen=True)
class Lang:
    """The interface language of a request and its translation function."""

    code: str
    gettext: Callable[[str], str]


@dataclass(frozen=True)
class Ref:
    """A named link to another page (``url`` None: the thing has no page)."""

    id: str
    label: str
    url: str | None


@dataclass(frozen=True)
class Coded:
    """A coded value (theme, SDG, country) with its label and the search for it; for a
    classification, how sure it is and the words of the record that support it."""

    code: str
    label: str
    url: str
    confidence: float | None = None
    evidence: str | None = None


@dataclass(frozen=True)
class LinkView:
    """A link as printed; ``href`` only when it is safe to follow."""

    as_written: str
    url: str | None
    href: str | None
    problem: str | None


@dataclass(frozen=True)
class PersonView:
    """Someone's part in an initiative or workshop."""

    name: str
    role: str | None
    kind: str
    honorific: str | None
    organisation: str | None
    country: str | None
    section: str | None
    person_id: str | None
    url: str | None
    links: list[LinkView]


@dataclass(frozen=True)
class InitiativeCard:
    """One initiative in a list."""

    id: str
    code: str
    title: str
    url: str
    organisation: str | None
    city: str | None
    country: str | None
    country_code: str | None
    date: dt.date | None
    role: str | None = None
    text_lang: str | None = None  # language of the title, as detected


@dataclass(frozen=True)
class WorkshopCard:
    """One workshop in a list."""

    id: str
    code: str
    title: str
    url: str
    kind: str
    date: dt.date | None
    session: int | None
    role: str | None = None


@dataclass(frozen=True)
class Provenance:
    """Where a record was read: catalogue, document and lines (or pages)."""

    catalogue: str
    document: str
    line_start: int
    line_end: int
    page_start: int | None
    page_end: int | None


def safe_href(url: str | None) -> str | None:
    """``url`` if a browser may follow it from a page (http, https, mailto), else None."""
    if not url:
        return None
    try:
        scheme = urlsplit(url.strip()).scheme.lower()
    except ValueError:
        return None
    return url.strip() if scheme in SAFE_SCHEMES else None


def link_view(link: Link) -> LinkView:
    return LinkView(
        as_written=link.as_written, url=link.url, href=safe_href(link.url), problem=link.problem
    )


def person_view(involvement: Involvement) -> PersonView:
    return PersonView(
        name=involvement.name,
        role=involvement.role,
        kind=involvement.kind,
        honorific=involvement.honorific,
        organisation=involvement.organisation,
        country=involvement.country,
        section=involvement.section,
        person_id=involvement.person_id,
        url=urls.person(involvement.person_id) if involvement.person_id else None,
        links=[link_view(link) for link in involvement.links],
    )


def initiative_card(initiative: Initiative, lang: Lang, role: str | None = None) -> InitiativeCard:
    place = initiative.place
    return InitiativeCard(
        id=initiative.id,
        code=initiative.code,
        title=initiative.title,
        url=urls.initiative(initiative.id),
        organisation=initiative.organisation,
        city=place.city,
        country=labels.country(place.country_code, lang.code) or place.country,
        country_code=place.country_code,
        date=initiative.date,
        role=role,
        text_lang=initiative.language,
    )


def workshop_card(workshop: Workshop, role: str | None = None) -> WorkshopCard:
    return WorkshopCard(
        id=workshop.id,
        code=workshop.code,
        title=workshop.title,
        url=urls.workshop(workshop.id),
        kind=str(workshop.kind),
        date=workshop.date,
        session=workshop.session,
        role=role,
    )


def provenance(catalogue: str, source: SourceRef | None) -> Provenance | None:
    if source is None:
        return None
    return Provenance(
        catalogue=catalogue,
        document=source.document,
        line_start=source.line_start,
        line_end=source.line_end,
        page_start=source.page_start,
        page_end=source.page_end,
    )


def country_ref(code: str | None, written: str | None, lang: Lang) -> Ref | None:
    """A country as a link to its page (the name as written when the code is unknown)."""
    if code:
        return Ref(
            id=code,
            label=labels.country(code, lang.code) or written or code,
            url=urls.country(code),
        )
    return Ref(id="", label=written, url=None) if written else None
