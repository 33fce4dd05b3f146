"""Time and room lines under a session or workshop heading ("14h00 – 15h30", "Salle A3").

Catalogues of this family print them, when they print them at all, right under the heading
and before any other text, alone or on one line ("14h00-15h30 · Room 2"). They are taken out
of the outline before entries are read, so they are neither a description nor a stray line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sse_atlas.ingest import patterns as p
from sse_atlas.ingest.languages import structure
from sse_atlas.ingest.segmenter import Outline
from sse_atlas.ingest.text import LogicalLine

# The words of every language table: before a room's name ("salle", "sala"), before a time or
# place that say nothing by themselves ("horaire", "lieu"), and between two times ("à", "to").
_ROOM_WORDS = structure("room")
_LEAD_WORDS = structure("schedule_lead")
_RANGE_WORDS = structure("time_range")

_ROOM_ALT = "|".join(sorted(_ROOM_WORDS, key=len, reverse=True))
_LEAD = rf"(?:(?:{'|'.join(_LEAD_WORDS)})\s*:?\s*)?"
_BETWEEN = "|".join(["-", "–", "—", *sorted(_RANGE_WORDS, key=len, reverse=True)])
_TIME = r"(\d{1,2})\s*(?:h|:|\.)\s*(\d{2})?|(\d{1,2})\s*h"
_RANGE = re.compile(rf"^{_LEAD}(?:{_TIME})(?:\s*(?:{_BETWEEN})\s*(?:{_TIME}))?")
_ROOM = re.compile(rf"^{_LEAD}(?:{_ROOM_ALT})\b\s*:?\s*\S")
_SEPARATOR = re.compile(r"^\s*(?:[·•|,;/]|-|–|—)?\s*")
_ROOM_MAX = 60  # a longer line is a sentence that happens to start with "Sala"
_LEADING_LINES = 3  # time, room and one more: never deeper into an entry


@dataclass(frozen=True)
class Schedule:
    """When and where, as far as the catalogue says (times as ``HH:MM``, room as printed)."""

    start_time: str | None = None
    end_time: str | None = None
    room: str | None = None

    def merged(self, other: Schedule) -> Schedule:
        return Schedule(
            self.start_time or other.start_time,
            self.end_time or other.end_time,
            self.room or other.room,
        )

    def __bool__(self) -> bool:
        return any((self.start_time, self.end_time, self.room))


@dataclass
class Schedules:
    """What the outline's schedule lines say, by session number and by workshop code."""

    sessions: dict[int, Schedule]
    workshops: dict[str, Schedule]


def _clock(hour: str | None, minute: str | None) -> str | None:
    if hour is None:
        return None
    h, m = int(hour), int(minute or 0)
    return f"{h:02d}:{m:02d}" if h < 24 and m < 60 else None


def _times(match: re.Match[str]) -> tuple[str | None, str | None] | None:
    g = match.groups()
    start = _clock(g[0] or g[2], g[1])
    end = _clock(g[3] or g[5], g[4]) if (g[3] or g[5]) else None
    if start is None or ((g[3] or g[5]) and end is None):
        return None
    return start, end


def read_line(text: str) -> Schedule | None:
    """The time range and/or room of one line, or ``None`` when the line says anything else."""
    folded = p.fold(text).strip()
    start = end = room = None
    rest_at = 0
    match = _RANGE.match(folded)
    if match is not None:
        times = _times(match)
        if times is None:
            return None
        start, end = times
        rest_at = match.end()
        rest_at += _SEPARATOR.match(folded[rest_at:]).end()  # type: ignore[union-attr]
    rest, printed = folded[rest_at:], text.strip()[rest_at:].strip()
    if rest:
        # "Room to Read. Delhi, India" is an organisation and its town, not a room
        if _ROOM.match(rest) is None or len(rest) > _ROOM_MAX or "." in rest:
            return None
        room = printed
    return Schedule(start, end, room) if (start or room) else None


def split_leading(lines: list[LogicalLine]) -> tuple[Schedule, list[LogicalLine]]:
    """The schedule the first lines give, and the lines left once they are taken out."""
    schedule = Schedule()
    taken = 0
    for line in lines[:_LEADING_LINES]:
        found = read_line(line.text)
        if found is None:
            break
        schedule, taken = schedule.merged(found), taken + 1
    return schedule, lines[taken:]


def take_schedules(outline: Outline) -> Schedules:
    """Schedule lines read and removed from the outline: under sessions and workshop headings.

    A session's lines come before its first block, so the segmenter left them stray; each is
    given to the session of the block that follows it.
    """
    sessions: dict[int, Schedule] = {}
    workshops: dict[str, Schedule] = {}
    starts = sorted((b.heading.line_start, b.session) for b in outline.blocks)
    kept: list[LogicalLine] = []
    for line in outline.stray:
        found = read_line(line.text)
        after = next((s for start, s in starts if start > line.line_start), None)
        if found is None or after is None:
            kept.append(line)
            continue
        sessions[after] = sessions.get(after, Schedule()).merged(found)
    outline.stray[:] = kept
    for block in outline.blocks:
        schedule, rest = split_leading(block.lines)
        if schedule:
            block.lines[:] = rest
            code = block.code if block.level == 2 else block.workshop_code
            workshops[code] = workshops.get(code, Schedule()).merged(schedule)
    return Schedules(sessions, workshops)
