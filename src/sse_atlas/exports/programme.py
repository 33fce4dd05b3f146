"""A catalogue's programme as calendars and schedules see it: days, sessions, workshops.

Shared by the iCalendar and frab exports. Workshops are looked up by session, initiatives by
workshop, each once, so that large catalogues stay linear.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from dataclasses import dataclass, field

from sse_atlas.exports.table import person_label
from sse_atlas.model import Catalogue, Day, Initiative, Involvement, Session, Workshop

_CODE_PART = re.compile(r"\d+")


@dataclass
class Programme:
    """The days, sessions and workshops of one catalogue, and what each contains."""

    catalogue: Catalogue
    sessions: dict[int, Session] = field(default_factory=dict)
    workshops: dict[int, list[Workshop]] = field(default_factory=dict)
    initiatives: dict[str, list[Initiative]] = field(default_factory=dict)

    @classmethod
    def of(cls, catalogue: Catalogue) -> Programme:
        by_session: defaultdict[int, list[Workshop]] = defaultdict(list)
        for workshop in catalogue.workshops:
            if workshop.session is not None:
                by_session[workshop.session].append(workshop)
        by_workshop: defaultdict[str, list[Initiative]] = defaultdict(list)
        for initiative in catalogue.initiatives:
            if initiative.workshop is not None:
                by_workshop[initiative.workshop].append(initiative)
        return cls(
            catalogue=catalogue,
            sessions={session.number: session for session in catalogue.sessions},
            workshops=dict(by_session),
            initiatives=dict(by_workshop),
        )

    def dated_days(self) -> list[Day]:
        """The days that have a date, in date order."""
        days = [day for day in self.catalogue.days if day.date is not None]
        return sorted(days, key=lambda day: day.date or dt.date.min)

    def day_sessions(self, day: Day) -> list[Session]:
        return [self.sessions[n] for n in day.sessions if n in self.sessions]

    def session_workshops(self, session: Session) -> list[Workshop]:
        return self.workshops.get(session.number, [])

    def workshop_initiatives(self, workshop: Workshop) -> list[Initiative]:
        return self.initiatives.get(workshop.code, [])


def track_position(workshop: Workshop, fallback: int) -> int:
    """The workshop's place in its session: the second number of its code (``4.2`` -> 2)."""
    numbers = _CODE_PART.findall(workshop.code)
    return int(numbers[1]) if len(numbers) > 1 else fallback


def initiative_line(initiative: Initiative) -> str:
    """``2.3.2 Title (Organisation)``."""
    organisation = f" ({initiative.organisation})" if initiative.organisation else ""
    return f"{initiative.code} {initiative.title}{organisation}"


def _involvement_label(who: Involvement) -> str:
    return person_label({"name": who.name, "role": who.role})


def workshop_text(
    workshop: Workshop, initiatives: list[Initiative], *, with_description: bool = True
) -> str:
    """What a workshop holds, as plain text: its initiatives, or its coordinated panel (then
    its description, unless ``with_description`` is false)."""
    lines: list[str] = []
    if workshop.coordinator:
        lines.append(f"Coordinated by: {workshop.coordinator}")
    if workshop.item_title:
        lines.append(workshop.item_title)
    if workshop.moderator:
        lines.append(f"Moderator: {_involvement_label(workshop.moderator)}")
    if workshop.speakers:
        lines.append("Speakers:")
        lines.extend(f"- {_involvement_label(who)}" for who in workshop.speakers)
    if workshop.panel:
        lines.append("Panel:")
        lines.extend(f"- {_involvement_label(who)}" for who in workshop.panel)
    if initiatives:
        lines.append("Initiatives:")
        lines.extend(f"- {initiative_line(initiative)}" for initiative in initiatives)
    if workshop.description and with_description:
        lines.extend(["", workshop.description])
    return "\n".join(lines)


def workshop_people(workshop: Workshop, initiatives: list[Initiative]) -> list[Involvement]:
    """Everyone who speaks in a workshop, once each, in programme order."""
    everyone = [
        *([workshop.moderator] if workshop.moderator else []),
        *workshop.speakers,
        *workshop.panel,
        *(who for initiative in initiatives for who in initiative.presenters),
    ]
    seen: set[str] = set()
    unique: list[Involvement] = []
    for who in everyone:
        key = who.person_id or who.name
        if key not in seen:
            seen.add(key)
            unique.append(who)
    return unique
