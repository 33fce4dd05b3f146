"""The frab / pretalx schedule JSON: conference -> days -> rooms -> events with persons.

Written to the required keys and patterns of the C3VOC schedule schema (``schedule.json``).
A workshop's room and time are the ones its catalogue states. Where it states none they are
derived, and the conference description says so: a workshop's room is its position in its
session (``4.2`` -> room 2) and the sessions of a day start at 09:00, 11:30 and 15:00 (then
every two and a half hours), for two hours each.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import unicodedata
from dataclasses import dataclass
from typing import Any, ClassVar, Final, TextIO
from zoneinfo import ZoneInfo

from sse_atlas.exports import ids
from sse_atlas.exports.base import register
from sse_atlas.exports.programme import (
    Programme,
    initiative_line,
    track_position,
    workshop_people,
    workshop_text,
)
from sse_atlas.exports.table import catalogue_label
from sse_atlas.model import Catalogue, Dataset, Day, Initiative, Involvement, Workshop, WorkshopKind

SCHEMA_URL: Final = "https://c3voc.de/schedule/schema.json"
BASE_URL: Final = "https://sse-atlas.org/"
SESSION_STARTS: Final = (dt.time(9, 0), dt.time(11, 30), dt.time(15, 0))
SESSION_STEP: Final = dt.timedelta(hours=2, minutes=30)  # after the third session
DURATION: Final = dt.timedelta(hours=2)
ROOM_WORDS: Final = {"fr": "Salle", "es": "Sala", "pt": "Sala", "it": "Sala", "de": "Raum"}
NOTE: Final = (
    "Rooms and times are notional: the catalogue gives neither. Each workshop is placed in the "
    "room numbered by its position in its session, and the sessions of a day at 09:00, 11:30 "
    "and 15:00, two hours each."
)
STATED_NOTE: Final = (
    "Rooms and times are the catalogue's where it states them; elsewhere they are notional: "
    "the room numbered by the workshop's position in its session, and the sessions of a day at "
    "09:00, 11:30 and 15:00, two hours each."
)


class ScheduleError(ValueError):
    """A dataset that does not make one schedule (the message says why)."""


def session_start(index: int) -> dt.time:
    """When the ``index``-th session (from 0) of a day starts."""
    if index < len(SESSION_STARTS):
        return SESSION_STARTS[index]
    last = dt.datetime.combine(dt.date.min, SESSION_STARTS[-1])
    return (last + SESSION_STEP * (index - len(SESSION_STARTS) + 1)).time()


def acronym(catalogue_id: str) -> str:
    """The schema allows a hyphen only before a year suffix: ``gsef2018-fr`` -> ``gsef2018_fr``."""
    return re.sub(r"[^a-z0-9_]+", "_", catalogue_id.lower()).strip("_")


def slug_words(text: str) -> str:
    """Lower-case ASCII words joined by hyphens: ``Économie sociale`` -> ``economie-sociale``."""
    decomposed = unicodedata.normalize("NFKD", text)
    ascii_text = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")


def _hours(delta: dt.timedelta) -> str:
    minutes = int(delta.total_seconds()) // 60
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def _slug(prefix: str, number: int, title: str) -> str:
    words = slug_words(title)[:48].strip("-")
    return "-".join(part for part in (prefix.replace("_", "-"), str(number), words) if part)


def event_ids(workshops: list[Workshop]) -> dict[str, int]:
    """Event ids from workshop codes (``4.2`` -> 402), so they survive a re-ingest; a code
    that does not make one (or makes one twice) gets 10000 plus its place in the catalogue."""
    ids_by_workshop: dict[str, int] = {}
    for index, workshop in enumerate(workshops, start=1):
        numbers = [int(n) for n in re.findall(r"\d+", workshop.code)]
        number = numbers[0] * 100 + numbers[1] if len(numbers) == 2 and numbers[1] < 100 else 0
        if number < 1 or number in ids_by_workshop.values():
            number = 10_000 + index
        ids_by_workshop[workshop.id] = number
    return ids_by_workshop


def _room_order(name: str) -> tuple[int, str]:
    return (len(name), name)  # "Salle 2" before "Salle 10"


def _person(who: Involvement) -> dict[str, Any]:
    key = who.person_id or f"person/{slug_words(who.name)}"
    person: dict[str, Any] = {"guid": ids.stable_uuid(ids.entity_uri(key)), "name": who.name}
    if who.role:
        person["biography"] = who.role
    return person


def _links(workshop: Workshop, initiatives: list[Initiative]) -> list[dict[str, str]]:
    links = [*workshop.links, *(link for i in initiatives for link in i.links)]
    urls = dict.fromkeys(link.url for link in links if link.url and not link.problem)
    return [{"title": url, "url": url} for url in urls if url]


@dataclass
class _Plan:
    """Where and when each workshop of one catalogue goes."""

    catalogue: Catalogue
    programme: Programme
    zone: ZoneInfo
    numbers: dict[str, int]
    rooms: dict[str, str]

    @classmethod
    def of(cls, catalogue: Catalogue, zone: ZoneInfo) -> _Plan:
        word = ROOM_WORDS.get(catalogue.language or "", "Room")
        rooms = {
            workshop.id: workshop.room or f"{word} {track_position(workshop, index)}"
            for index, workshop in enumerate(catalogue.workshops, start=1)
        }
        numbers = event_ids(catalogue.workshops)
        return cls(catalogue, Programme.of(catalogue), zone, numbers, rooms)

    def day(self, day: Day) -> tuple[dict[str, list[dict[str, Any]]], dt.datetime, dt.datetime]:
        """A day's events by room, and when the day starts and ends."""
        assert day.date is not None
        sessions = self.programme.day_sessions(day)
        times = [session_start(index) for index in range(len(sessions))] or [SESSION_STARTS[0]]
        starts = [dt.datetime.combine(day.date, time, self.zone) for time in times]
        by_room: dict[str, list[dict[str, Any]]] = {}
        spans: list[tuple[dt.datetime, dt.datetime]] = []
        for session, start in zip(sessions, starts, strict=False):
            for workshop in self.programme.session_workshops(session):
                room = self.rooms[workshop.id]
                span = self.span(workshop, start)
                spans.append(span)
                by_room.setdefault(room, []).append(self.event(workshop, room, *span))
        if not spans:
            return by_room, starts[0], starts[-1] + DURATION
        return by_room, min(s for s, _ in spans), max(e for _, e in spans)

    def span(self, workshop: Workshop, notional: dt.datetime) -> tuple[dt.datetime, dt.datetime]:
        """When a workshop starts and ends: as stated, else its session's notional slot."""
        if workshop.start_time is None:
            return notional, notional + DURATION
        day = notional.date()
        start = dt.datetime.combine(day, dt.time.fromisoformat(workshop.start_time), self.zone)
        if workshop.end_time is None:
            return start, start + DURATION
        end = dt.datetime.combine(day, dt.time.fromisoformat(workshop.end_time), self.zone)
        return start, max(start, end)

    def event(
        self, workshop: Workshop, room: str, start: dt.datetime, end: dt.datetime
    ) -> dict[str, Any]:
        initiatives = self.programme.workshop_initiatives(workshop)
        uri = ids.workshop_uri(workshop.id)
        number = self.numbers[workshop.id]
        coordinated = workshop.kind is WorkshopKind.COORDINATED
        return {
            "id": number,
            "guid": ids.stable_uuid(uri),
            "date": start.isoformat(),
            "start": start.strftime("%H:%M"),
            "duration": _hours(end - start),
            "room": room,
            "slug": _slug(acronym(self.catalogue.id), number, workshop.title),
            "url": uri,
            "title": f"{workshop.code} {workshop.title}",
            "subtitle": workshop.item_title,
            "track": workshop.coordinator if coordinated else None,
            "type": "workshop",
            "language": self.catalogue.language or "",
            "abstract": workshop.description
            or "\n".join(initiative_line(i) for i in initiatives)
            or None,
            "description": workshop_text(workshop, initiatives, with_description=False) or None,
            "persons": [_person(who) for who in workshop_people(workshop, initiatives)],
            "links": _links(workshop, initiatives),
            "attachments": [],
        }


def _states_any(catalogue: Catalogue) -> bool:
    return any(w.start_time or w.room for w in catalogue.workshops)


class FrabExporter:
    """One catalogue's programme as a frab / pretalx ``schedule.json``.

    ``catalogue`` picks the catalogue when the dataset holds several (a schedule is one
    conference); ``time_zone`` is an IANA name for the notional times (UTC by default, as
    catalogues do not say where their forum's clock is). Events are the workshops: their
    ``persons`` are the moderator, speakers and panelists, then the presenters of each
    initiative; ``abstract`` is the workshop's description (else its initiatives) and
    ``description`` lists its initiatives or its panel. Ids come from the workshop codes
    (``4.2`` -> 402); guids are UUIDs made from the records' URIs.
    """

    identifier: ClassVar[str] = "frab"
    extension: ClassVar[str] = "json"
    media_type: ClassVar[str] = "application/json"

    def __init__(self, catalogue: str | None = None, time_zone: str = "UTC") -> None:
        self.catalogue = catalogue
        self.time_zone = time_zone

    def _choose(self, dataset: Dataset) -> Catalogue:
        if self.catalogue is not None:
            for catalogue in dataset.catalogues:
                if catalogue.id == self.catalogue:
                    return catalogue
            raise ScheduleError(f"no catalogue {self.catalogue!r} in the knowledge base")
        if len(dataset.catalogues) != 1:
            known = ", ".join(c.id for c in dataset.catalogues) or "none"
            raise ScheduleError(f"a schedule is one catalogue; choose one of: {known}")
        return dataset.catalogues[0]

    def write(self, stream: TextIO, dataset: Dataset) -> None:
        catalogue = self._choose(dataset)
        plan = _Plan.of(catalogue, ZoneInfo(self.time_zone))
        days = plan.programme.dated_days()
        start = catalogue.start_date or (days[0].date if days else None)
        end = catalogue.end_date or (days[-1].date if days else None)
        if start is None or end is None:
            raise ScheduleError(f"catalogue {catalogue.id!r} has no dates to make a schedule of")
        home = ids.catalogue_uri(catalogue.id)
        conference: dict[str, Any] = {
            "acronym": acronym(catalogue.id),
            "title": catalogue_label(catalogue),
            "description": STATED_NOTE if _states_any(catalogue) else NOTE,
            "start": start.isoformat(),
            "end": end.isoformat(),
            "daysCount": len(days),
            "timeslot_duration": "00:30",
            "time_zone_name": self.time_zone,
            "url": home,
            "rooms": [
                {"name": name, "guid": ids.stable_uuid(f"{home}#{name}")}
                for name in sorted(set(plan.rooms.values()), key=_room_order)
            ],
        }
        head = {
            "$schema": SCHEMA_URL,
            "generator": {"name": "sse-atlas"},
            "schedule": {"version": (catalogue.sha256 or "1")[:12], "base_url": BASE_URL},
        }
        # the document up to the days, then one event at a time, then the closing brackets
        stream.write(json.dumps(head, ensure_ascii=False)[:-2] + ',\n"conference": ')
        stream.write(json.dumps(conference, ensure_ascii=False)[:-1] + ',\n"days": [')
        for index, day in enumerate(days, start=1):
            assert day.date is not None  # dated_days() keeps only those
            by_room, day_start, day_end = plan.day(day)
            head_of_day = {
                "index": index,
                "date": day.date.isoformat(),
                "day_start": day_start.isoformat(),
                "day_end": day_end.isoformat(),
            }
            stream.write(("," if index > 1 else "") + "\n ")
            stream.write(json.dumps(head_of_day)[:-1] + ', "rooms": {')
            for position, room in enumerate(sorted(by_room, key=_room_order)):
                stream.write(("," if position else "") + f"\n  {json.dumps(room)}: [")
                for count, event in enumerate(by_room[room]):
                    stream.write(("," if count else "") + "\n   ")
                    stream.write(json.dumps(event, ensure_ascii=False))
                stream.write("]")
            stream.write("}}")
        stream.write("\n]}}}\n")


# registered by call so that the class keeps its own constructor type
register(FrabExporter)
