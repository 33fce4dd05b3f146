"""iCalendar (RFC 5545): the forum's days, sessions and workshops, timed when times are known."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import TYPE_CHECKING, ClassVar, Final, TextIO

from sse_atlas.exports import ids
from sse_atlas.exports.base import register
from sse_atlas.exports.programme import Programme, workshop_text
from sse_atlas.exports.table import catalogue_label
from sse_atlas.model import Catalogue, Dataset, Session, Workshop

if TYPE_CHECKING:
    from icalendar import Event

PRODID: Final = "-//SSE Atlas//sse-atlas//EN"


def uid(uri: str) -> str:
    """A calendar UID from a record URI: ``workshop/gsef2018-fr/2.3@sse-atlas.org``."""
    return f"{uri.removeprefix(ids.BASE)}@{ids.UID_DOMAIN}"


class IcalExporter:
    """A VCALENDAR with one VEVENT per dated day, session and workshop of each catalogue.

    A session or workshop whose catalogue states its time is a timed event in the forum's local
    time (floating: the catalogues name no time zone), ending at the stated end or an hour
    later; every other event is all-day (``DTSTART;VALUE=DATE`` and the next day as ``DTEND``).
    A stated room goes before the city in ``LOCATION``. ``SUMMARY`` is the code and title (days
    and sessions as printed), ``DESCRIPTION`` lists a workshop's initiatives (code, title,
    organisation) or its coordinated panel (coordinator, moderator, panelists), ``RELATED-TO``
    names the parent event and ``UID``/``URL`` come from the record's stable URI. ``DTSTAMP`` is
    ``stamp`` (by default the time of export; pass one for reproducible files).
    """

    identifier: ClassVar[str] = "ical"
    extension: ClassVar[str] = "ics"
    media_type: ClassVar[str] = "text/calendar; charset=utf-8"

    def __init__(self, stamp: dt.datetime | None = None) -> None:
        self.stamp = stamp

    def write(self, stream: TextIO, dataset: Dataset) -> None:
        from icalendar import Calendar

        stamp = self.stamp or dt.datetime.now(dt.UTC).replace(microsecond=0)
        calendar = Calendar()
        calendar.add("prodid", PRODID)
        calendar.add("version", "2.0")
        calendar.add("calscale", "GREGORIAN")
        names = "; ".join(catalogue_label(c) for c in dataset.catalogues)
        calendar.add("x-wr-calname", names or "SSE Atlas")
        # the calendar's own lines, then one event at a time, then its closing line
        head = calendar.to_ical().decode("utf-8").removesuffix("END:VCALENDAR\r\n")
        stream.write(head)
        for catalogue in dataset.catalogues:
            for event in _events(catalogue, stamp):
                stream.write(event.to_ical().decode("utf-8"))
        stream.write("END:VCALENDAR\r\n")


# registered by call so that the class keeps its own constructor type
register(IcalExporter)


def _event(
    uri: str,
    summary: str,
    date: dt.date,
    stamp: dt.datetime,
    *,
    catalogue: Catalogue,
    category: str,
    description: str | None = None,
    parent: str | None = None,
    timed: Session | Workshop | None = None,
) -> Event:
    from icalendar import Event

    event = Event()
    event.add("uid", uid(uri))
    event.add("dtstamp", stamp)
    timing = span(date, timed)
    event.add("dtstart", timing[0] if timing else date)
    event.add("dtend", timing[1] if timing else date + dt.timedelta(days=1))
    event.add("summary", summary)
    if description:
        event.add("description", description)
    place = ", ".join(p for p in (timed.room if timed else None, catalogue.city) if p)
    if place:
        event.add("location", place)
    event.add("categories", [category])
    # all-day programme items do not block a day; a timed one does
    event.add("transp", "OPAQUE" if timing else "TRANSPARENT")
    event.add("url", uri, parameters={"VALUE": "URI"})
    if parent:
        event.add("related-to", uid(parent), parameters={"RELTYPE": "PARENT"})
    return event


def span(
    date: dt.date, record: Session | Workshop | None
) -> tuple[dt.datetime, dt.datetime] | None:
    """Start and end in floating local time, when the record states when it starts."""
    if record is None or record.start_time is None:
        return None
    start = dt.datetime.combine(date, dt.time.fromisoformat(record.start_time))
    end = (
        dt.datetime.combine(date, dt.time.fromisoformat(record.end_time))
        if record.end_time
        else start + dt.timedelta(hours=1)
    )
    return start, max(end, start)


def _events(catalogue: Catalogue, stamp: dt.datetime) -> Iterator[Event]:
    programme = Programme.of(catalogue)
    forum = catalogue_label(catalogue)
    for day in programme.dated_days():
        assert day.date is not None  # dated_days() keeps only those
        day_uri = ids.day_uri(catalogue.id, day.date.isoformat())
        sessions = programme.day_sessions(day)
        listing = "\n".join(s.heading or f"Session {s.number}" for s in sessions)
        yield _event(
            day_uri,
            f"{forum}: {day.label or day.date.isoformat()}",
            day.date,
            stamp,
            catalogue=catalogue,
            category="day",
            description=listing,
        )
        for session in sessions:
            session_uri = ids.session_uri(catalogue.id, session.number)
            workshops = programme.session_workshops(session)
            yield _event(
                session_uri,
                session.heading or f"Session {session.number}",
                session.date or day.date,
                stamp,
                catalogue=catalogue,
                category="session",
                description="\n".join(f"{w.code} {w.title}" for w in workshops),
                parent=day_uri,
                timed=session,
            )
            for workshop in workshops:
                initiatives = programme.workshop_initiatives(workshop)
                yield _event(
                    ids.workshop_uri(workshop.id),
                    f"{workshop.code} {workshop.title}",
                    workshop.date or session.date or day.date,
                    stamp,
                    catalogue=catalogue,
                    category=f"workshop:{workshop.kind.value}",
                    description=workshop_text(workshop, initiatives),
                    parent=session_uri,
                    timed=workshop,
                )
