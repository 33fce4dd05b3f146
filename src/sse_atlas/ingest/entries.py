"""The content of one numbered block: an initiative, or a workshop coordinated by a partner."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from sse_atlas.ingest import patterns as p
from sse_atlas.ingest.boundaries import settle_coordinated, settle_initiative
from sse_atlas.ingest.links import extract_links
from sse_atlas.ingest.location import LocationLine, looks_like_location, parse_location
from sse_atlas.ingest.people import (
    PersonPhrase,
    looks_like_presenter_line,
    parse_person,
    parse_presenters,
)
from sse_atlas.ingest.text import LogicalLine
from sse_atlas.model import Involvement, Link, PanelSection

_ARTICLE = re.compile(r"^(?:l['’]|la\s+|le\s+|les\s+|el\s+|los\s+|las\s+|the\s+)", re.IGNORECASE)
_ORG_LIST = re.compile(r"\s+(?:et|y|and|eta)\s+(?=[A-Z])")


def paragraphs(lines: list[LogicalLine]) -> str | None:
    """Lines joined as paragraphs; list items stay on their own line."""
    text = ""
    for line in lines:
        if not text:
            text = line.text
        elif line.blank_before and not p.BULLET.match(line.text):
            text += "\n\n" + line.text
        else:
            text += "\n" + line.text
    return text or None


def _merge_links(*groups: list[Link]) -> list[Link]:
    seen: set[str] = set()
    merged: list[Link] = []
    for group in groups:
        for link in group:
            if link.as_written not in seen:
                seen.add(link.as_written)
                merged.append(link)
    return merged


@dataclass
class InitiativeContent:
    location: LocationLine | None
    location_line: LogicalLine | None
    description: str | None
    presenters: list[Involvement]
    links: list[Link]
    missing: list[str] = field(default_factory=list)


def read_initiative(lines: list[LogicalLine]) -> InitiativeContent:
    """Location line first, presenter line last, description between them."""
    body = settle_initiative(list(lines))
    location: LocationLine | None = None
    location_line: LogicalLine | None = None
    if body and looks_like_location(body[0].text) and (len(body) > 1 or len(body[0].text) < 120):
        location_line = body.pop(0)
        location = parse_location(location_line.text)
    people: list[PersonPhrase] = []
    stray: list[Link] = []
    if body and (len(body) > 1 or location) and looks_like_presenter_line(body[-1].text):
        people, stray = parse_presenters(body.pop().text)
    description_links: list[Link] = []
    for line in body:
        description_links.extend(extract_links(line.text)[1])
    presenters = [person.involvement(i, "presenter") for i, person in enumerate(people, 1)]
    links = _merge_links(*(person.links for person in people), stray, description_links)
    missing: list[str] = []
    if location is None:
        missing.append("location")
    elif location.organisation is None:
        missing.append("organisation")
    if location is not None and location.place.country is None:
        missing.append("country")
    if not presenters:
        missing.append("presenter")
    if not links:
        missing.append("url")
    description = paragraphs(body)
    if description is None:
        missing.append("description")
    return InitiativeContent(location, location_line, description, presenters, links, missing)


def is_coordinated(lines: list[LogicalLine]) -> bool:
    """A partner's workshop opens with ``Atelier coordonné par …`` (or its translations)."""
    return any(p.COORDINATED.search(line.text[:400]) for line in lines[:2])


@dataclass
class CoordinatedContent:
    coordinator: str | None
    coordinators: list[str]
    coordinator_line: str | None
    moderator: Involvement | None
    speakers: list[Involvement]
    description: str | None
    sections: list[PanelSection]
    panel: list[Involvement]
    links: list[Link]
    irregular: list[LogicalLine] = field(default_factory=list)


def _coordinator(text: str) -> tuple[str | None, list[str], list[Link]]:
    match = p.COORDINATED.search(text)
    if match is None:
        return None, [], []
    tail = text[match.end() :]
    stop = min(
        (m.start() for m in (p.MODERATOR.search(tail), p.OPENING.search(tail)) if m),
        default=len(tail),
    )
    tail = tail[:stop]
    remainder, links = extract_links(tail)
    name = re.split(r"\.\s+|\s+-\s+|\s*-$", remainder.strip(), maxsplit=1)[0]
    name = _ARTICLE.sub("", name.strip(" .,-–")).strip()
    if not name:
        return None, [], links
    parts = [_ARTICLE.sub("", part).strip() for part in _ORG_LIST.split(name)]
    return name, parts if len(parts) > 1 else [name], links


def _moderator_and_speakers(text: str) -> tuple[PersonPhrase | None, list[PersonPhrase]]:
    moderator: PersonPhrase | None = None
    speakers: list[PersonPhrase] = []
    mod = p.MODERATOR.search(text)
    opening = p.OPENING.search(text)
    if mod is not None:
        end = opening.start() if opening and opening.start() > mod.end() else len(text)
        remainder, links = extract_links(text[mod.end() : end])
        if remainder.strip(" .*"):
            moderator = parse_person(remainder, links)
    if opening is not None:
        end = mod.start() if mod and mod.start() > opening.end() else len(text)
        remainder, links = extract_links(text[opening.end() : end])
        if remainder.strip(" .*"):
            speakers.append(parse_person(remainder, links))
    return moderator, speakers


def _is_section_title(line: LogicalLine, following: list[LogicalLine]) -> bool:
    """A short unpunctuated line with its own paragraphs, then numbered speakers."""
    text = line.text
    return (
        len(text) < 300
        and not text.endswith((".", ":", "!", "?", "»", ")"))
        and not p.BULLET.match(text)
        and len(following) >= 2
        and p.LIST_ITEM.match(following[0].text) is None
        and any(p.LIST_ITEM.match(later.text) for later in following[1:])
    )


def read_coordinated(lines: list[LogicalLine]) -> CoordinatedContent:
    """Coordinator, moderator, description (in sections) and the numbered panel."""
    lines = settle_coordinated(lines)
    coordinator_index = next(
        (i for i, line in enumerate(lines[:2]) if p.COORDINATED.search(line.text[:400])), None
    )
    coordinator: str | None = None
    coordinators: list[str] = []
    links: list[Link] = []
    coordinator_text: str | None = None
    moderator: PersonPhrase | None = None
    speakers: list[PersonPhrase] = []
    if coordinator_index is not None:
        coordinator_text = lines[coordinator_index].text
        coordinator, coordinators, links = _coordinator(coordinator_text)
        moderator, speakers = _moderator_and_speakers(coordinator_text)
    sections: list[PanelSection] = []
    panel: list[Involvement] = []
    current_section: PanelSection | None = None
    description_lines: list[LogicalLine] = []
    section_lines: list[LogicalLine] = []
    rest = [line for i, line in enumerate(lines) if i != coordinator_index]
    for index, line in enumerate(rest):
        item = p.LIST_ITEM.match(line.text)
        if p.MODERATOR_START.match(line.text) and moderator is None:
            moderator, more = _moderator_and_speakers(line.text)
            speakers.extend(more)
        elif item is not None and not p.BULLET.match(line.text):
            remainder, item_links = extract_links(item.group(2))
            person = parse_person(remainder, item_links)
            title = current_section.title if current_section else None
            panel.append(person.involvement(int(item.group(1)), "panelist", title))
        elif _is_section_title(line, rest[index + 1 :]):
            if current_section is not None:
                current_section.description = paragraphs(section_lines)
            current_section = PanelSection(title=line.text)
            sections.append(current_section)
            section_lines = []
        elif current_section is not None:
            section_lines.append(line)
        else:
            description_lines.append(line)
    if current_section is not None:
        current_section.description = paragraphs(section_lines)
    if not panel and description_lines and looks_like_presenter_line(description_lines[-1].text):
        people, stray = parse_presenters(description_lines.pop().text)
        panel = [person.involvement(i, "panelist") for i, person in enumerate(people, 1)]
        links = _merge_links(links, stray)
    for line in description_lines:
        links = _merge_links(links, extract_links(line.text)[1])
    parts = [paragraphs(description_lines), *(section.description for section in sections)]
    description = "\n\n".join(part for part in parts if part) or None
    return CoordinatedContent(
        coordinator=coordinator,
        coordinators=coordinators,
        coordinator_line=coordinator_text,
        moderator=moderator.involvement(1, "moderator") if moderator else None,
        speakers=[s.involvement(i, "opening") for i, s in enumerate(speakers, 1)],
        description=description,
        sections=sections,
        panel=panel,
        links=_merge_links(links, *(member.links for member in panel)),
    )
