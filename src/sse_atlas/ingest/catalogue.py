"""A catalogue document read whole: metadata, programme, workshops, initiatives, report."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from sse_atlas.ingest import patterns as p
from sse_atlas.ingest.boundaries import split_heading
from sse_atlas.ingest.confidence import assess_entries
from sse_atlas.ingest.entries import (
    InitiativeContent,
    is_coordinated,
    read_coordinated,
    read_initiative,
)
from sse_atlas.ingest.language import detect_language
from sse_atlas.ingest.lines import SourceLine
from sse_atlas.ingest.quality import assess
from sse_atlas.ingest.segmenter import Block, Outline, day_dates, segment
from sse_atlas.ingest.text import LogicalLine, logical_lines
from sse_atlas.model import (
    Catalogue,
    Day,
    DroppedLine,
    Finding,
    Initiative,
    QualityReport,
    Session,
    Severity,
    SourceRef,
    StatedCounts,
    Workshop,
    WorkshopKind,
)

_DATE_RANGE = re.compile(
    r"\b(\d{1,2})\s*(?:-|–|au|al|to|a)\s*(\d{1,2})\s+(?:de\s+)?([a-zà-ÿ]+)\s+(?:de\s+)?(\d{4})\b"
)
_FORUM = re.compile(r"\b((?:(?!(?:Le|La|Les|The|El|Un|A)\s)[A-Z][a-z]+\s+){2,5}Forum)\b")
_CITY_YEAR = re.compile(r"\b([A-Z][A-Za-zÀ-ÿ]{2,})\s?((?:19|20)\d\d)\b")
_TITLE = re.compile(r"^(?:résumé|resumen|summary|abstracts?|catalogue|catálogo|recueil)\b", re.I)


@dataclass
class ParseResult:
    catalogue: Catalogue
    report: QualityReport
    outline: Outline = field(repr=False)


def _source(document: str, first: LogicalLine, last_line: int, last_page: int | None) -> SourceRef:
    return SourceRef(document, first.line_start, last_line, first.page_start, last_page)


def _block_source(document: str, block: Block) -> SourceRef:
    return _source(document, block.heading, block.line_end, block.page_end)


def _preamble_text(outline: Outline) -> str:
    return "\n".join(line.text for line in outline.preamble)


def _metadata(outline: Outline, document: str) -> dict[str, object]:
    text = _preamble_text(outline)
    flat = re.sub(r"\s+", " ", text)
    meta: dict[str, object] = {}
    # names printed in capitals ("GLOBAL SOCIAL ECONOMY FORUM") are read in title case
    titled = re.sub(r"[A-Z]{2,}(?:\s+[A-Z]{2,})+", lambda m: m.group(0).title(), flat)
    forum = _FORUM.search(titled)
    if forum:
        meta["forum"] = re.sub(r"\s+", " ", forum.group(1))
    date_range = _DATE_RANGE.search(p.fold(flat))
    if date_range and date_range.group(3) in p.MONTHS:
        year, month = int(date_range.group(4)), p.MONTHS[date_range.group(3)]
        try:
            meta["start_date"] = dt.date(year, month, int(date_range.group(1)))
            meta["end_date"] = dt.date(year, month, int(date_range.group(2)))
        except ValueError:
            pass
    acronym = "".join(w[0] for w in str(meta.get("forum", "")).split()).upper()
    for match in _CITY_YEAR.finditer(flat):
        word, year_text = match.group(1), match.group(2)
        if word.upper() == acronym or (word.upper() == word and len(word) <= 4):
            meta.setdefault("edition", int(year_text))
            continue
        meta.setdefault("city", word.title() if word.isupper() else word)
        meta.setdefault("edition", int(year_text))
    if "edition" not in meta and "start_date" in meta:
        meta["edition"] = meta["start_date"].year  # type: ignore[attr-defined]
    meta["acronym"] = acronym or None
    for line in outline.preamble:
        if _TITLE.match(line.text) and len(line.text) < 120:
            meta["title"] = line.text
            break
    return meta


def _stated_counts(outline: Outline) -> StatedCounts:
    text = re.sub(r"\s+", " ", _preamble_text(outline))
    for sentence in re.split(r"(?<=[.!?])\s+", text):
        initiatives = p.STATED_INITIATIVES.search(sentence)
        if initiatives is None:
            continue
        countries = p.STATED_COUNTRIES.search(sentence[initiatives.end() :])
        workshops = p.STATED_WORKSHOPS.search(text)
        return StatedCounts(
            initiatives=int(re.sub(r"\D", "", initiatives.group(1))),
            countries=int(countries.group(1)) if countries else None,
            coordinated_workshops=int(workshops.group(1)) if workshops else None,
            evidence=sentence.strip(),
        )
    return StatedCounts()


def catalogue_id_for(meta: dict[str, object], language: str | None, fallback: str) -> str:
    acronym, edition = meta.get("acronym"), meta.get("edition")
    if acronym and edition:
        base = f"{str(acronym).lower()}{edition}"
    else:
        base = re.sub(r"[^a-z0-9]+", "-", p.fold(fallback)).strip("-") or "catalogue"
    return f"{base}-{language}" if language else base


class _Builder:
    def __init__(self, outline: Outline, document: str, catalogue_id: str) -> None:
        self.outline = outline
        self.document = document
        self.catalogue_id = catalogue_id
        self.findings: list[Finding] = []
        self.workshops: dict[str, Workshop] = {}
        self.initiatives: dict[str, Initiative] = {}
        self.seen_blocks: dict[str, Block] = {}
        self.printed_twice: set[str] = set()

    def note(self, kind: str, message: str, line: LogicalLine | None = None, **kw: object) -> None:
        self.findings.append(
            Finding(
                kind=kind,
                message=message,
                line=line.line_start if line else None,
                line_end=line.line_end if line else None,
                page=line.page_start if line else None,
                **kw,  # type: ignore[arg-type]
            )
        )

    def workshop_for(
        self, code: str, heading: Block | None, session_dates: dict[int, dt.date | None]
    ) -> Workshop:
        workshop = self.workshops.get(code)
        if workshop is None:
            toc = self.outline.toc.get(code)
            session = int(code.split(".")[0])
            title = heading.title if heading else (toc.title if toc else code)
            workshop = Workshop(
                code=code,
                title=title,
                catalogue=self.catalogue_id,
                session=session,
                date=session_dates.get(session),
                toc_title=toc.title if toc else None,
                source=_block_source(self.document, heading) if heading else None,
            )
            if heading is None:
                workshop.flags.append("missing-heading")
                self.note(
                    "irregular-line",
                    f"workshop {code} has no heading in the body",
                    None,
                    record=workshop.id,
                )
            self.workshops[code] = workshop
        return workshop

    def duplicate(self, block: Block) -> bool:
        first = self.seen_blocks.get(block.code)
        if first is None:
            self.seen_blocks[block.code] = block
            return False
        same = [line.text for line in first.lines] == [line.text for line in block.lines]
        record = f"{self.catalogue_id}/{block.code}"
        self.printed_twice.add(block.code)
        if same:
            message = (
                f"{block.code} is printed twice (lines {first.heading.line_start} and "
                f"{block.heading.line_start}); stored once"
            )
            self.note("duplicate", message, block.heading, record=record)
        else:
            message = (
                f"{block.code} is used twice with different content (lines "
                f"{first.heading.line_start} and {block.heading.line_start}); "
                "the second is kept only in this report"
            )
            self.note(
                "duplicate-code", message, block.heading, record=record, severity=Severity.ERROR
            )
        target = self.initiatives.get(record)
        if target is not None and "duplicate-in-source" not in target.flags:
            target.flags.append("duplicate-in-source")
        return True


def _initiative(
    block: Block, content: InitiativeContent, workshop: Workshop, document: str
) -> Initiative:
    location = content.location
    place = location.place if location else None
    initiative = Initiative(
        code=block.code,
        title=block.title,
        catalogue=workshop.catalogue,
        workshop=workshop.code,
        session=block.session,
        date=workshop.date,
        organisation=location.organisation if location else None,
        co_organisations=location.co_organisations if location else [],
        location_line=content.location_line.text if content.location_line else None,
        description=content.description,
        presenters=content.presenters,
        links=content.links,
        language=detect_language(content.description),
        flags=[f"missing-{name}" for name in content.missing],
        source=_block_source(document, block),
    )
    if place is not None:
        initiative.place = place
    return initiative


def build_catalogue(
    lines: Sequence[SourceLine], document: str, *, sha256: str | None = None,
    catalogue_id: str | None = None, source: str | None = None,
) -> ParseResult:  # fmt: skip
    """Read a whole catalogue from its source lines."""
    dropped: list[DroppedLine] = []
    logical = logical_lines(lines, dropped)
    outline = segment(logical)
    meta = _metadata(outline, document)
    sample = " ".join(line.text for block in outline.blocks[:40] for line in block.lines[:3])
    language = detect_language(sample) or detect_language(_preamble_text(outline))
    start = meta.get("start_date")
    year = start.year if isinstance(start, dt.date) else meta.get("edition")
    month = start.month if isinstance(start, dt.date) else None
    dates = day_dates(outline, year if isinstance(year, int) else None, month)
    ident = catalogue_id or catalogue_id_for(meta, language, document.rsplit("/", 1)[-1])
    builder = _Builder(outline, document, ident)

    days: list[Day] = []
    session_dates: dict[int, dt.date | None] = {}
    for mark, date in zip(outline.days, dates, strict=True):
        source_ref = (
            _source(document, mark.line, mark.line.line_end, mark.line.page_end)
            if mark.line
            else None
        )
        days.append(
            Day(
                date=date,
                label=mark.label,
                sessions=list(mark.sessions),
                inferred=mark.inferred,
                source=source_ref,
            )
        )
        for number in mark.sessions:
            session_dates[number] = date
        if mark.inferred:
            first = mark.sessions[0] if mark.sessions else None
            builder.note(
                "inferred-day",
                f"no day header before session {first}: dated {date}, the day after the one before",
                None,
                severity=Severity.INFO,
            )
    sessions = [
        Session(
            number=number,
            catalogue=ident,
            date=session_dates.get(number),
            heading=mark.heading,
            source=_source(document, mark.line, mark.line.line_end, mark.line.page_end)
            if mark.line
            else None,
        )
        for number, mark in sorted(outline.sessions.items())
    ]

    blocks = outline.blocks
    index = 0
    while index < len(blocks):
        block = blocks[index]
        if block.level == 2:
            items = []
            cursor = index + 1
            while (
                cursor < len(blocks)
                and blocks[cursor].level == 3
                and blocks[cursor].workshop_code == block.code
            ):
                items.append(blocks[cursor])
                cursor += 1
            _read_workshop(builder, block, items, session_dates)
            index = cursor
            continue
        builder.note(
            "irregular-line",
            f"item {block.code} appears outside its workshop's heading",
            block.heading,
        )
        _read_workshop(builder, None, [block], session_dates, code=block.workshop_code)
        index += 1

    for line in outline.stray:
        builder.note("irregular-line", f"line not part of any entry: {line.text[:80]!r}", line)

    for session in sessions:
        session.workshops = [
            code for code, w in builder.workshops.items() if w.session == session.number
        ]
    catalogue = Catalogue(
        id=ident,
        title=meta.get("title"),  # type: ignore[arg-type]
        forum=meta.get("forum"),  # type: ignore[arg-type]
        edition=meta.get("edition"),  # type: ignore[arg-type]
        city=meta.get("city"),  # type: ignore[arg-type]
        start_date=meta.get("start_date"),  # type: ignore[arg-type]
        end_date=meta.get("end_date"),  # type: ignore[arg-type]
        language=language,
        source=source or document,
        sha256=sha256,
        stated=_stated_counts(outline),
        days=days,
        sessions=sessions,
        workshops=list(builder.workshops.values()),
        initiatives=list(builder.initiatives.values()),
    )
    report = QualityReport(document=document, catalogue=ident, findings=builder.findings)
    assess(catalogue, outline, report)
    report.entries = assess_entries(catalogue, outline)
    report.dropped = dropped
    return ParseResult(catalogue, report, outline)


def _read_workshop(
    builder: _Builder, heading: Block | None, items: list[Block],
    session_dates: dict[int, dt.date | None], code: str | None = None,
) -> None:  # fmt: skip
    heading = _settled(heading) if heading else None
    items = [_settled(item) for item in items]
    workshop = builder.workshop_for(
        code or (heading.code if heading else items[0].workshop_code), heading, session_dates
    )
    own_lines = heading.lines if heading else []
    unique = [item for item in items if not builder.duplicate(item)]
    if (own_lines and is_coordinated(own_lines)) or (not unique and own_lines):
        _coordinated(workshop, own_lines)
        for item in unique:
            builder.note(
                "irregular-line", f"item {item.code} follows a coordinated workshop", item.heading
            )
        return
    if len(unique) == 1 and is_coordinated(unique[0].lines):
        item = unique[0]
        workshop.item_code, workshop.item_title = item.code, item.title
        if workshop.source is not None:
            workshop.source = SourceRef(
                workshop.source.document,
                workshop.source.line_start,
                item.line_end,
                workshop.source.page_start,
                item.page_end,
            )
        if own_lines:
            builder.note(
                "irregular-line",
                f"text between workshop {workshop.code} and its item",
                own_lines[0],
            )
        _coordinated(workshop, item.lines)
        return
    for line in own_lines:
        builder.note(
            "irregular-line",
            f"text under workshop heading {workshop.code}: {line.text[:80]!r}",
            line,
        )
    for item in unique:
        content = read_initiative(item.lines)
        initiative = _initiative(item, content, workshop, builder.document)
        if item.code in builder.printed_twice:
            initiative.flags.append("duplicate-in-source")
        builder.initiatives[initiative.id] = initiative
        workshop.initiatives.append(initiative.id)


def _settled(block: Block) -> Block:
    """The block with what a line wrap glued to its heading moved under it."""
    heading, tail = split_heading(block.heading)
    return block if tail is None else block.with_heading(heading, tail)


def _coordinated(workshop: Workshop, lines: list[LogicalLine]) -> None:
    content = read_coordinated(lines)
    workshop.kind = WorkshopKind.COORDINATED
    workshop.coordinator = content.coordinator
    workshop.coordinators = content.coordinators
    workshop.coordinator_line = content.coordinator_line
    workshop.moderator = content.moderator
    workshop.speakers = content.speakers
    workshop.description = content.description
    workshop.sections = content.sections
    workshop.panel = content.panel
    workshop.links = content.links
    if content.coordinator is None:
        workshop.flags.append("missing-coordinator")
    if not content.panel:
        workshop.flags.append("missing-panel")
