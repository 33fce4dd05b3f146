"""The outline of a catalogue: days, sessions, tables of contents and numbered blocks.

One segmenter for every format: it reads logical lines (see :mod:`sse_atlas.ingest.text`) and
says where each day, session, workshop and item begins, without interpreting an item's content.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from sse_atlas.ingest import patterns as p
from sse_atlas.ingest.text import LogicalLine


@dataclass
class DayMark:
    label: str | None
    day: int | None
    month: int | None
    year: int | None
    line: LogicalLine | None
    inferred: bool = False
    sessions: list[int] = field(default_factory=list)


@dataclass
class SessionMark:
    number: int
    heading: str | None
    line: LogicalLine | None
    day_index: int | None


@dataclass
class Block:
    """A numbered heading (``4.2`` workshop or ``4.2.1`` item) and the lines under it."""

    code: str
    title: str
    heading: LogicalLine
    lines: list[LogicalLine] = field(default_factory=list)
    body_session: int | None = None

    def with_heading(self, heading: LogicalLine, first: LogicalLine | None) -> Block:
        """The block under a shortened heading, what was cut from it (if anything) first."""
        match = p.CODE3.match(heading.text) or p.CODE2.match(heading.text)
        title = match.groups()[-1].strip() if match else self.title
        lines = [first, *self.lines] if first is not None else list(self.lines)
        return Block(self.code, title, heading, lines, self.body_session)

    @property
    def level(self) -> int:
        return self.code.count(".") + 1

    @property
    def session(self) -> int:
        return int(self.code.split(".")[0])

    @property
    def workshop_code(self) -> str:
        return ".".join(self.code.split(".")[:2])

    @property
    def line_end(self) -> int:
        return self.lines[-1].line_end if self.lines else self.heading.line_end

    @property
    def page_end(self) -> int | None:
        return self.lines[-1].page_end if self.lines else self.heading.page_end


@dataclass
class TocEntry:
    code: str
    title: str
    session: int | None
    line: LogicalLine


@dataclass
class Outline:
    preamble: list[LogicalLine] = field(default_factory=list)
    days: list[DayMark] = field(default_factory=list)
    sessions: dict[int, SessionMark] = field(default_factory=dict)
    toc: dict[str, TocEntry] = field(default_factory=dict)
    blocks: list[Block] = field(default_factory=list)
    back_matter: list[LogicalLine] = field(default_factory=list)
    stray: list[LogicalLine] = field(default_factory=list)


def parse_day(text: str) -> tuple[int, int, int | None] | None:
    return p.match_day(text)


def _code(match_groups: tuple[str, ...]) -> str:
    return ".".join(str(int(g)) for g in match_groups)


def _is_toc_line(text: str) -> bool:
    match = p.CODE2.match(text)
    # a table of contents prints titles in capitals; a few hundred letters tell
    title = match.group(3)[:300] if match is not None else ""
    return match is not None and p.CODE3.match(text) is None and p.upper_ratio(title) > 0.7


class _Segmenter:
    def __init__(self, lines: list[LogicalLine]) -> None:
        self.lines = lines
        self.outline = Outline()
        self.mode = "preamble"  # preamble | toc | body | back
        self.block: Block | None = None
        self.body_session: int | None = None
        self.day_since_body = False  # a day header seen since the last body block

    def run(self) -> Outline:
        for index, line in enumerate(self.lines):
            self._line(index, line)
        return self.outline

    def _next_text(self, index: int) -> str:
        return self.lines[index + 1].text if index + 1 < len(self.lines) else ""

    def _line(self, index: int, line: LogicalLine) -> None:
        text = line.text
        if self.mode == "back" and not p.is_structural(text):
            self.outline.back_matter.append(line)
            return
        if p.BACK_MATTER.match(text) and self.mode != "preamble":
            self.mode, self.block = "back", None
            self.outline.back_matter.append(line)
            return
        if p.is_day_header(text):
            self._day(line)
            return
        if p.is_session_header(text):
            self._session(index, line)
            return
        if (self.mode == "toc" or self.block is None) and _is_toc_line(text):
            self._toc_line(line)
            return
        code3 = p.CODE3.match(text)
        code2 = None if code3 else p.CODE2.match(text)
        match = code3 or code2
        if match is not None:
            self.mode = "body"
            depth = 3 if code3 else 2
            block = Block(_code(match.groups()[:depth]), match.groups()[-1].strip(), line)
            block.body_session = self.body_session
            if block.session not in self.outline.sessions:
                self._start_group_if_needed(toc_group=False)
                self._register_session(block.session, None)
            self.block = block
            self.outline.blocks.append(block)
            self.day_since_body = False
            return
        if self.block is not None:
            self.block.lines.append(line)
        elif self.mode == "preamble":
            self.outline.preamble.append(line)
        else:
            self.outline.stray.append(line)

    def _day(self, line: LogicalLine) -> None:
        parsed = parse_day(line.text)
        day, month, year = parsed if parsed else (None, None, None)
        self.outline.days.append(DayMark(line.text, day, month, year, line))
        self.day_since_body = True
        self.block = None

    def _current_day_index(self) -> int | None:
        return len(self.outline.days) - 1 if self.outline.days else None

    def _start_group_if_needed(self, toc_group: bool) -> None:
        """A new run of sessions with no day header before it: infer the next day.

        A table of contents printed after the body of earlier sessions opens a new day; without
        tables of contents, a day that already holds as many sessions as the longest explicit
        day is full.
        """
        days = self.outline.days
        if self.day_since_body or not days or not days[-1].sessions:
            return
        explicit = [len(d.sessions) for d in days if not d.inferred and d.sessions]
        full = bool(explicit) and len(days[-1].sessions) >= max(explicit)
        if toc_group or full:
            days.append(DayMark(None, None, None, None, None, inferred=True))
            self.day_since_body = True

    def _register_session(self, number: int, line: LogicalLine | None) -> None:
        sessions = self.outline.sessions
        if number in sessions:
            if sessions[number].heading is None and line is not None:
                sessions[number].heading, sessions[number].line = line.text, line
            return
        day_index = self._current_day_index()
        sessions[number] = SessionMark(number, line.text if line else None, line, day_index)
        if day_index is not None:
            self.outline.days[day_index].sessions.append(number)

    def _session(self, index: int, line: LogicalLine) -> None:
        match = p.SESSION_HEADER.match(p.fold(line.text))
        assert match is not None
        number = int(match.group(1))
        self.block = None
        if _is_toc_line(self._next_text(index)):
            if self.mode == "body":
                self._start_group_if_needed(toc_group=True)
            self.mode = "toc"
            self._register_session(number, line)
            return
        if number not in self.outline.sessions and self.mode in ("body", "back"):
            self._start_group_if_needed(toc_group=False)
        self.mode = "body"
        self.body_session = number
        self._register_session(number, line)
        self.day_since_body = False

    def _toc_line(self, line: LogicalLine) -> None:
        match = p.CODE2.match(line.text)
        assert match is not None
        code = _code(match.groups()[:2])
        session = int(code.split(".")[0])
        self.outline.toc[code] = TocEntry(code, match.group(3).strip(), session, line)
        if self.mode != "toc":
            self.mode = "toc"
        self._register_session(session, None)


def segment(lines: list[LogicalLine]) -> Outline:
    """Days, sessions, tables of contents and numbered blocks of a catalogue."""
    return _Segmenter(lines).run()


def day_dates(outline: Outline, year: int | None, month: int | None) -> list[dt.date | None]:
    """A date for each day mark; inferred days follow the day before them."""
    dates: list[dt.date | None] = []
    for mark in outline.days:
        date: dt.date | None = None
        if mark.day is not None and mark.month is not None and (mark.year or year):
            try:
                date = dt.date(mark.year or year or 0, mark.month, mark.day)
            except ValueError:
                date = None
        elif mark.inferred and dates and dates[-1] is not None:
            date = dates[-1] + dt.timedelta(days=1)
        dates.append(date)
    del month
    return dates
