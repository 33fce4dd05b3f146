"""The programme of a catalogue: days, sessions, workshops, then initiatives or panels."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sse_atlas.model import Catalogue, Workshop
from sse_atlas.web import labels, urls
from sse_atlas.web.contexts.common import (
    InitiativeCard,
    Lang,
    PersonView,
    Ref,
    initiative_card,
    person_view,
)
from sse_atlas.web.snapshot import Snapshot


@dataclass(frozen=True)
class ProgrammeWorkshop:
    id: str
    code: str
    title: str
    url: str
    anchor: str
    kind: str
    coordinators: list[str]
    moderator: PersonView | None
    panel: list[PersonView]
    initiatives: list[InitiativeCard]
    calendar_url: str


@dataclass(frozen=True)
class ProgrammeSession:
    number: int
    heading: str | None
    workshops: list[ProgrammeWorkshop]


@dataclass(frozen=True)
class ProgrammeDay:
    date: dt.date | None
    label: str | None  # as printed in the catalogue
    display: str | None  # in the interface language
    sessions: list[ProgrammeSession]


@dataclass(frozen=True)
class ProgrammePage:
    title: str
    url: str
    catalogue: Ref
    forum: str | None
    city: str | None
    start_date: dt.date | None
    end_date: dt.date | None
    days: list[ProgrammeDay]
    unscheduled: list[ProgrammeWorkshop]  # workshops the catalogue puts in no session
    catalogues: list[Ref]


def _workshop(snapshot: Snapshot, workshop: Workshop, lang: Lang) -> ProgrammeWorkshop:
    coordinators = workshop.coordinators or ([workshop.coordinator] if workshop.coordinator else [])
    return ProgrammeWorkshop(
        id=workshop.id,
        code=workshop.code,
        title=workshop.title,
        url=urls.workshop(workshop.id),
        anchor=urls.workshop_anchor(workshop.code),
        kind=str(workshop.kind),
        coordinators=coordinators,
        moderator=person_view(workshop.moderator) if workshop.moderator else None,
        panel=[person_view(p) for p in workshop.panel],
        initiatives=[initiative_card(i, lang) for i in snapshot.initiatives_in(workshop)],
        calendar_url=urls.workshop_calendar(workshop.id),
    )


def programme_page(snapshot: Snapshot, catalogue: Catalogue, lang: Lang) -> ProgrammePage:
    workshops = {w.code: w for w in catalogue.workshops}
    placed: set[str] = set()
    sessions: dict[int, ProgrammeSession] = {}
    for session in catalogue.sessions:
        blocks = [
            _workshop(snapshot, workshops[code], lang)
            for code in session.workshops
            if code in workshops
        ]
        placed.update(session.workshops)
        sessions[session.number] = ProgrammeSession(
            number=session.number, heading=session.heading, workshops=blocks
        )
    days: list[ProgrammeDay] = []
    for day in catalogue.days:
        days.append(
            ProgrammeDay(
                date=day.date,
                label=day.label,
                display=labels.day(day.date, lang.code),
                sessions=[sessions.pop(n) for n in day.sessions if n in sessions],
            )
        )
    if sessions:  # sessions the catalogue gives no day
        days.append(ProgrammeDay(None, None, None, list(sessions.values())))
    title = labels.catalogue_name(catalogue)
    return ProgrammePage(
        title=title,
        url=urls.programme(catalogue.id),
        catalogue=Ref(id=catalogue.id, label=title, url=urls.programme(catalogue.id)),
        forum=catalogue.forum,
        city=catalogue.city,
        start_date=catalogue.start_date,
        end_date=catalogue.end_date,
        days=days,
        unscheduled=[
            _workshop(snapshot, w, lang) for w in catalogue.workshops if w.code not in placed
        ],
        catalogues=[
            Ref(id=c.id, label=labels.catalogue_name(c), url=urls.programme(c.id))
            for c in snapshot.catalogues.values()
        ],
    )
