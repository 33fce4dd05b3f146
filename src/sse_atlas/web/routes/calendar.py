"""``/calendar/...ics``: one workshop, or everything one person took part in, as an iCalendar
file to add to a calendar. A workshop whose catalogue states its time is a timed event in its
room; the others are all-day and say that time and room are not stated. Their UIDs are those
of the full ``ical`` export, so nothing is added twice."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from fastapi import APIRouter
from starlette.requests import Request
from starlette.responses import Response

from sse_atlas.exports import ids
from sse_atlas.exports.ical import PRODID, span, uid
from sse_atlas.model import Workshop
from sse_atlas.web import labels, urls
from sse_atlas.web.routes.common import find_person, find_workshop, lang_of, site_of
from sse_atlas.web.snapshot import Snapshot

router = APIRouter(include_in_schema=False)


def _calendar(
    request: Request, name: str, items: Iterable[tuple[Workshop, str | None]], filename: str
) -> Response:
    from icalendar import Calendar, Event

    snapshot: Snapshot = site_of(request).snapshot
    gettext = lang_of(request).gettext
    base = str(request.base_url).rstrip("/")
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", name)
    stamp = dt.datetime.now(dt.UTC).replace(microsecond=0)
    for workshop, note in items:
        date = workshop.date or _session_date(snapshot, workshop)
        if date is None:
            continue
        event = Event()
        event.add("uid", uid(ids.workshop_uri(workshop.id)))
        event.add("dtstamp", stamp)
        timing = span(date, workshop)
        event.add("dtstart", timing[0] if timing else date)
        event.add("dtend", timing[1] if timing else date + dt.timedelta(days=1))
        event.add("summary", f"{workshop.code} {workshop.title}")
        source = snapshot.catalogues.get(workshop.catalogue)
        town = (
            f"{source.city} ({labels.catalogue_name(source)})" if source and source.city else None
        )
        place = ", ".join(p for p in (workshop.room, town) if p)
        if place:
            event.add("location", place)
        lines = [note] if note else []
        if timing is None and workshop.room is None:
            lines.append(gettext("Time and room: not stated in the catalogue"))
        elif timing is None:
            lines.append(gettext("Time: %(time)s") % {"time": gettext("not stated")})
        elif workshop.room is None:
            lines.append(gettext("Room: %(room)s") % {"room": gettext("not stated")})
        event.add("description", "\n".join(lines))
        event.add("url", base + urls.workshop(workshop.id), parameters={"VALUE": "URI"})
        event.add("transp", "OPAQUE" if timing else "TRANSPARENT")
        calendar.add_component(event)
    return Response(
        calendar.to_ical(),
        media_type="text/calendar; charset=utf-8",
        headers={"content-disposition": f'attachment; filename="{filename}.ics"'},
    )


def _session_date(snapshot: Snapshot, workshop: Workshop) -> dt.date | None:
    """A workshop's day from its session when the workshop itself has none."""
    source = snapshot.catalogues.get(workshop.catalogue)
    if source is None or workshop.session is None:
        return None
    return next((s.date for s in source.sessions if s.number == workshop.session), None)


@router.get("/calendar/workshops/{catalogue}/{code}.ics")
def workshop_calendar(request: Request, catalogue: str, code: str) -> Response:
    found = find_workshop(request, catalogue, code)
    filename = f"workshop-{found.code}"
    return _calendar(request, f"{found.code} {found.title}", [(found, None)], filename)


@router.get("/calendar/people/{slug}.ics")
def person_calendar(request: Request, slug: str) -> Response:
    person = find_person(request, slug)
    snapshot = site_of(request).snapshot
    gettext = lang_of(request).gettext
    items: dict[str, tuple[Workshop, str | None]] = {}
    for initiative in snapshot.initiatives_of(person.initiatives):
        workshop = snapshot.workshops.get(f"{initiative.catalogue}/{initiative.workshop}")
        if workshop is not None:
            note = gettext("Presents %(code)s %(title)s") % {
                "code": initiative.code,
                "title": initiative.title,
            }
            items.setdefault(workshop.id, (workshop, note))
    for workshop in snapshot.workshops_of(person.workshops):
        items.setdefault(workshop.id, (workshop, None))
    ordered = sorted(items.values(), key=lambda item: (item[0].date or dt.date.max, item[0].code))
    return _calendar(request, person.name, ordered, "calendar")
