"""The domain model: plain typed dataclasses, no I/O.

Strings that come from a document are kept as written there (``organisation``, ``city``,
``country``, names, titles); normalised values live in their own fields (``country_code``,
``Link.url``, ids). Missing values are ``None``, never ``""``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum


class WorkshopKind(StrEnum):
    """A workshop either groups presented initiatives or is a panel run by a partner."""

    INITIATIVES = "initiatives"
    COORDINATED = "coordinated"


@dataclass(frozen=True)
class SourceRef:
    """Where a record was read: document and 1-based line range (and pages for PDF input)."""

    document: str
    line_start: int
    line_end: int
    page_start: int | None = None
    page_end: int | None = None


@dataclass
class Link:
    """A URL as printed, its normalised form, and a problem seen offline (if any)."""

    as_written: str
    url: str | None
    problem: str | None = None


@dataclass
class Place:
    """A location as written, with the normalised country and (once enriched) coordinates."""

    city: str | None = None
    region: str | None = None
    country: str | None = None
    country_code: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    precision: str | None = None  # city | region | country, set by geocoding
    as_written: str | None = None


@dataclass(frozen=True)
class Label:
    """A vocabulary label given to a record, with the words that support it."""

    scheme: str  # themes | sectors | structure | sdgs | groups
    code: str  # ESSGLOBAL code (T3, AM60, OS20), SDG number, or group code
    label: str
    confidence: float
    evidence: str  # an excerpt of the record's text (or its workshop's title)


@dataclass
class Involvement:
    """One person's part in an initiative or workshop, in the order the document gives."""

    name: str
    role: str | None = None
    position: int = 1
    honorific: str | None = None
    organisation: str | None = None
    country: str | None = None
    country_code: str | None = None
    links: list[Link] = field(default_factory=list)
    kind: str = "presenter"  # presenter | panelist | moderator | opening
    section: str | None = None  # sub-section title of a panel split in parts
    person_id: str | None = None


@dataclass
class Organisation:
    """An organisation, one entity across every mention of it."""

    id: str
    name: str
    aliases: list[str] = field(default_factory=list)
    type: str | None = None
    country_code: str | None = None
    city: str | None = None
    urls: list[str] = field(default_factory=list)
    initiatives: list[str] = field(default_factory=list)
    workshops: list[str] = field(default_factory=list)


@dataclass
class Person:
    """A person, one entity across every mention of them."""

    id: str
    name: str
    aliases: list[str] = field(default_factory=list)
    roles: list[str] = field(default_factory=list)
    initiatives: list[str] = field(default_factory=list)
    workshops: list[str] = field(default_factory=list)


@dataclass
class Initiative:
    """One initiative presented in a workshop (``4.2.1``)."""

    code: str
    title: str
    catalogue: str
    workshop: str | None = None
    session: int | None = None
    date: dt.date | None = None
    organisation: str | None = None
    co_organisations: list[str] = field(default_factory=list)
    location_line: str | None = None
    place: Place = field(default_factory=Place)
    description: str | None = None
    presenters: list[Involvement] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    language: str | None = None
    themes: list[str] = field(default_factory=list)
    sdgs: list[int] = field(default_factory=list)
    organisation_type: str | None = None
    organisation_id: str | None = None
    flags: list[str] = field(default_factory=list)
    source: SourceRef | None = None
    sectors: list[str] = field(default_factory=list)
    groups: list[str] = field(default_factory=list)
    labels: list[Label] = field(default_factory=list)  # every label above with its evidence

    @property
    def id(self) -> str:
        return f"{self.catalogue}/{self.code}"


@dataclass
class PanelSection:
    """A part of a coordinated workshop with its own title and description."""

    title: str | None
    description: str | None = None


@dataclass
class Workshop:
    """A workshop (``4.2``): a group of initiatives, or a panel coordinated by a partner."""

    code: str
    title: str
    catalogue: str
    session: int | None = None
    date: dt.date | None = None
    toc_title: str | None = None
    kind: WorkshopKind = WorkshopKind.INITIATIVES
    item_code: str | None = None  # the numbered item (``2.4.1``) that carries a coordinated panel
    item_title: str | None = None
    coordinator: str | None = None
    coordinators: list[str] = field(default_factory=list)
    coordinator_line: str | None = None
    moderator: Involvement | None = None
    description: str | None = None
    sections: list[PanelSection] = field(default_factory=list)
    panel: list[Involvement] = field(default_factory=list)
    speakers: list[Involvement] = field(default_factory=list)  # named outside the panel (opening)
    links: list[Link] = field(default_factory=list)
    initiatives: list[str] = field(default_factory=list)
    flags: list[str] = field(default_factory=list)
    source: SourceRef | None = None
    language: str | None = None
    themes: list[str] = field(default_factory=list)
    sdgs: list[int] = field(default_factory=list)
    sectors: list[str] = field(default_factory=list)
    groups: list[str] = field(default_factory=list)
    labels: list[Label] = field(default_factory=list)
    start_time: str | None = None  # HH:MM as printed (or its session's), None when not stated
    end_time: str | None = None
    room: str | None = None  # as printed ("Salle A3")

    @property
    def id(self) -> str:
        return f"{self.catalogue}/{self.code}"


@dataclass
class Session:
    """A session of parallel workshops (``ATELIERS SESSION 4``)."""

    number: int
    catalogue: str
    date: dt.date | None = None
    heading: str | None = None
    workshops: list[str] = field(default_factory=list)
    flags: list[str] = field(default_factory=list)
    source: SourceRef | None = None
    start_time: str | None = None  # HH:MM, None when not stated
    end_time: str | None = None
    room: str | None = None


@dataclass
class Day:
    """A day of the forum, with the header as printed (``2 Octobre / Mardis``)."""

    date: dt.date | None
    label: str | None
    sessions: list[int] = field(default_factory=list)
    inferred: bool = False
    source: SourceRef | None = None


@dataclass
class StatedCounts:
    """What a document says about itself ("102 initiatives ... de 36 pays")."""

    initiatives: int | None = None
    countries: int | None = None
    coordinated_workshops: int | None = None
    evidence: str | None = None


@dataclass
class Catalogue:
    """One forum catalogue document and everything read from it."""

    id: str
    title: str | None = None
    forum: str | None = None
    edition: int | None = None
    city: str | None = None
    start_date: dt.date | None = None
    end_date: dt.date | None = None
    language: str | None = None
    source: str | None = None
    sha256: str | None = None
    stated: StatedCounts = field(default_factory=StatedCounts)
    days: list[Day] = field(default_factory=list)
    sessions: list[Session] = field(default_factory=list)
    workshops: list[Workshop] = field(default_factory=list)
    initiatives: list[Initiative] = field(default_factory=list)
