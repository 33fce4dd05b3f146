"""Where one part of an entry ends and the next begins, when only a line's width joined them.

Without blank lines between blocks, a title, a location line, a paragraph or a presenter line
whose last line happens to be full looks, to :mod:`sse_atlas.ingest.text`, like the first lines
of what follows it. Such joins are kept and marked (:class:`~sse_atlas.ingest.text.Wrap`); here,
knowing what an entry is made of (a title, an organisation and place, paragraphs, the people who
present it, a coordinator, a numbered panel), a logical line is cut again at the mark where the
next part starts. Lines without marks (every line of a one-paragraph-per-line document) are
left as they are.
"""

from __future__ import annotations

import re

from sse_atlas.ingest import patterns as p
from sse_atlas.ingest.countries import match_country
from sse_atlas.ingest.location import looks_like_location, parse_location
from sse_atlas.ingest.people import looks_like_presenter_start
from sse_atlas.ingest.text import LogicalLine

# Titles in catalogues run to two hundred characters at most; a heading longer than this has
# swallowed the paragraph after it.
_MAX_TITLE = 250
# A location line printed over more source lines than this is not one.
_MAX_LOCATION_PIECES = 3
# A title runs over four source lines at most: a location line glued to it starts before this.
_MAX_TITLE_PIECES = 6
# Panel members and presenter lines are printed in this many characters at most.
_MAX_PEOPLE_LINE = 400
_SENTENCE_END = (".", "!", "?", "»", ")", ">", "*", '"')
_BARE_URL_END = re.compile(r"(?:https?://|www\.)\S+$", re.IGNORECASE)
_WORD = re.compile(r"[^\W\d_][\w'’-]*")


def _closed(text: str) -> bool:
    """A source line that may end a part: not on a comma, an article, a preposition..."""
    stripped = text.rstrip()
    if stripped.endswith((",", ";", ":", "(", "«", "“", "-", "–", "/", "&", "+", "'", "’")):
        return False
    last = re.search(r"(\w+)$", stripped)
    return last is None or p.fold(last.group(1)) not in p.GLUE_WORDS


def _glued(text: str) -> bool:
    """Text ending on an article or a preposition (``... publiques du``): more must follow."""
    last = re.search(r"(\w+)\W*$", text)
    return last is not None and p.fold(last.group(1)) in p.GLUE_WORDS


def _in_name(previous: str, following: str) -> bool:
    """A capitalised word at the end of a line and at the start of the next: one name goes on
    (``l'Économie`` / ``Sociale et Solidaire``)."""
    last = re.search(r"(\w+)$", previous.rstrip())
    return last is not None and last.group(1)[:1].isupper() and following[:1].isupper()


def _sentence_end(text: str) -> bool:
    stripped = text.rstrip()
    return stripped.endswith(_SENTENCE_END) or _BARE_URL_END.search(stripped) is not None


def is_prose(text: str) -> bool:
    """A line of running text: several words, most of them not capitalised.

    Names, roles and organisations are printed in title case (``Chef d'Unité. Économie Sociale
    et Innovation``, ``Agence Internationale de Coopération pour le développement``); sentences
    are not. Articles and prepositions, lower case in both, are not counted.
    """
    words = [w.split("'")[-1].split("’")[-1] for w in _WORD.findall(p.URL.sub(" ", text))]
    content = [w for w in words if w and p.fold(w) not in p.GLUE_WORDS]
    if len(words) < 6 or len(content) < 4:
        return False
    lower = sum(1 for word in content if word[:1].islower())
    return lower * 5 >= len(content) * 2


def location_strength(text: str) -> int:
    """2: ``Organisation. Place, Country``; 1: an organisation alone (``Réseau X.``); 0: neither."""
    stripped = text.strip()
    if not stripped[:1].isupper() and not stripped[:1].isdigit():
        return 0
    if not looks_like_location(stripped):
        return 0
    parsed = parse_location(stripped)
    organisation = parsed.organisation
    if (
        parsed.place.country_code
        and organisation
        and match_country(organisation) is None
        and not _glued(stripped[: stripped.rfind(parsed.place.country or "")])
    ):
        return 2
    words = stripped.split()
    if (
        stripped.endswith(".")
        and parsed.place.country is None
        and len(words) <= 16
        and p.fold(words[0].strip(".,")).split("'")[0] not in p.STOP_STARTS
        and p.SENTENCE_VERB.search(stripped) is None
    ):
        return 1
    return 0


def _location_start(line: LogicalLine, pieces: list[LogicalLine]) -> int | None:
    """The first piece (after the first) where an ``Organisation. Place, Country`` line starts."""
    count = len(pieces)
    starts = [
        start
        for start in range(1, min(count, _MAX_TITLE_PIECES + 1))
        if _closed(pieces[start - 1].text)  # a title does not end on ``de l'``
    ]
    # ``Organisation. Place, Country`` on one line; then one printed over two or three lines,
    # whose first line has the organisation's full stop or ends on ``de``; then ``Org, Place``.
    for start in starts:
        if ". " in pieces[start].text and location_strength(pieces[start].text) == 2:
            return start
    for start in starts:
        first = pieces[start].text.rstrip()
        if ". " not in first and not first.endswith(".") and _closed(first):
            continue
        for end in range(start + 2, min(count, start + _MAX_LOCATION_PIECES) + 1):
            if location_strength(line.span(start, end)) == 2:
                return start
    for start in starts:
        if location_strength(pieces[start].text) == 2:
            return start
    # An organisation alone (``Réseau X.``): the heading's last line, or one before a paragraph.
    for start in starts:
        rest = line.span(start + 1, count) if start + 1 < count else ""
        if (
            location_strength(pieces[start].text) == 1
            and not _sentence_end(pieces[start - 1].text)
            and (not rest or (rest[:1].isupper() and len(rest) >= 150))
        ):
            return start
    return None


def _coordinated_start(pieces: list[LogicalLine]) -> int | None:
    """The first piece (after the first) that opens with ``Atelier coordonné par``."""
    for index, piece in enumerate(pieces[1:], start=1):
        match = p.COORDINATED.search(piece.text[:80])
        if (
            match is not None
            and match.start() <= 40
            and piece.text[:1].isupper()
            and _closed(pieces[index - 1].text)
        ):
            return index
    return None


def _paragraph_start(line: LogicalLine, pieces: list[LogicalLine]) -> int | None:
    """Where a paragraph glued to a heading starts, when the heading is too long for a title."""
    if len(line.text) <= _MAX_TITLE:
        return None
    candidates: list[int] = []
    for index in range(1, len(pieces)):
        if line.wraps[index - 1].head_end > _MAX_TITLE:
            break
        if _closed(pieces[index - 1].text) and pieces[index].text[:1].isupper():
            candidates.append(index)
    ended = [i for i in candidates if _sentence_end(pieces[i - 1].text)]
    return (ended or candidates)[0] if candidates else None


def split_heading(heading: LogicalLine) -> tuple[LogicalLine, LogicalLine | None]:
    """A numbered heading, and what a wrap glued to it (a location, a coordinator, a paragraph)."""
    if not heading.wraps:
        return heading, None
    pieces = heading.pieces()
    start = _coordinated_start(pieces)
    if start is None:
        start = _location_start(heading, pieces)
    if start is None:
        start = _paragraph_start(heading, pieces)
    if start is None:
        return heading, None
    head, tail = heading.cut(heading.wraps[start - 1])
    return head, tail


def _cut_location(line: LogicalLine) -> list[LogicalLine]:
    """The location line apart from the paragraph a wrap glued to it."""
    if not line.wraps or location_strength(line.text) == 2:
        return [line]
    pieces = line.pieces()
    limit = min(len(pieces) - 1, _MAX_LOCATION_PIECES)
    for end in range(1, limit + 1):
        if location_strength(line.span(0, end)) == 2:
            return line.split_at([end - 1])
    if looks_like_location(line.text) and len(line.text) < 120:
        return [line]
    for end in range(1, limit + 1):
        if location_strength(line.span(0, end)) == 1:
            return line.split_at([end - 1])
    return [line]


def cut_presenter(line: LogicalLine) -> list[LogicalLine]:
    """The presenter line (or the people closing a workshop) apart from the paragraph a wrap
    glued it to.

    The presenter line starts after a sentence ends (the first such line that reads as one);
    failing that (a paragraph printed without its final full stop), on the last line that reads
    as one after a line that may end a sentence.
    """
    if not line.wraps:
        return [line]
    pieces = line.pieces()
    count = len(pieces)
    passes = ((_sentence_end, range(count)), (_closed, range(count - 1, -1, -1)))
    for ends, starts in passes:
        for start in starts:
            if len(line.text) - line.offset(start) > _MAX_PEOPLE_LINE:
                continue
            if start > 0 and not ends(pieces[start - 1].text):
                continue
            if looks_like_presenter_start(line.span(start, count)):
                return [line] if start == 0 else line.split_at([start - 1])
    return [line]


def settle_initiative(lines: list[LogicalLine]) -> list[LogicalLine]:
    """An initiative's lines with the location first and the presenter line last, on their own."""
    if not any(line.wraps for line in lines):
        return lines
    settled = list(lines)
    if settled:
        settled[:1] = _cut_location(settled[0])
        settled[-1:] = cut_presenter(settled[-1])
    return settled


def cut_before_prose(line: LogicalLine) -> list[LogicalLine]:
    """A coordinator, moderator or panel line apart from the paragraph a wrap glued to it."""
    if not line.wraps:
        return [line]
    pieces = line.pieces()
    for index in range(1, len(pieces)):
        if (
            _closed(pieces[index - 1].text)
            and pieces[index].text[:1].isupper()
            and is_prose(pieces[index].text)
        ):
            return line.split_at([index - 1])
    return [line]


def cut_section_title(line: LogicalLine) -> list[LogicalLine]:
    """A panel's section title apart from the paragraph under it.

    The title carries no final punctuation and reads as a phrase; the paragraph opens with a
    capital on the next source line.
    """
    if not line.wraps:
        return [line]
    pieces = line.pieces()
    for index in range(1, len(pieces)):
        head = line.span(0, index)
        if len(head) > 300:
            break
        previous = pieces[index - 1].text.rstrip()
        if (
            _closed(previous)
            and not _in_name(previous, pieces[index].text)
            and not previous.endswith((".", ":", "!", "?", "»", ")"))
            and pieces[index].text[:1].isupper()
            and is_prose(pieces[index].text)
            and ". " not in head
        ):
            return line.split_at([index - 1])
    return [line]


def _cut_lead_ins(lines: list[LogicalLine]) -> list[LogicalLine]:
    """A short lead-in to a bulleted list (``Objectifs.``) apart from the line it was glued to."""
    result: list[LogicalLine] = []
    for index, line in enumerate(lines):
        following = lines[index + 1] if index + 1 < len(lines) else None
        if line.wraps and following is not None and p.BULLET.match(following.text):
            pieces = line.pieces()
            last = pieces[-1].text.strip()
            if (
                len(last.split()) <= 4
                and last.endswith((".", ":"))
                and last[:1].isupper()
                and _closed(pieces[-2].text)
            ):
                result.extend(line.split_at([len(pieces) - 2]))
                continue
        result.append(line)
    return result


def _cut_after_item(line: LogicalLine) -> list[LogicalLine]:
    """A panel member apart from the section title and paragraph a wrap glued after it.

    A member's line runs to two hundred characters at most and reads as names and roles; what
    follows a member is running text.
    """
    if not line.wraps:
        return [line]
    pieces = line.pieces()
    count = len(pieces)
    for index in range(1, count):
        if line.offset(index) > _MAX_PEOPLE_LINE:
            break
        tail = line.span(index, count)
        if (
            _closed(pieces[index - 1].text)
            and pieces[index].text[:1].isupper()
            and len(tail) >= 200
            and is_prose(tail)
        ):
            return line.split_at([index - 1])
    return [line]


def _is_item(line: LogicalLine) -> bool:
    return p.LIST_ITEM.match(line.text) is not None and p.BULLET.match(line.text) is None


def settle_coordinated(lines: list[LogicalLine]) -> list[LogicalLine]:
    """A coordinated workshop's lines with coordinator, moderator, section titles, paragraphs and
    panel members each on their own line."""
    if not any(line.wraps for line in lines):
        return lines
    settled: list[LogicalLine] = []
    heads: set[int] = set()  # lines after which a section title may come
    for index, line in enumerate(_cut_lead_ins(lines)):
        text = line.text
        opening = index < 2 and p.COORDINATED.search(text[:400]) is not None
        if opening or p.MODERATOR_START.match(text):
            heads.add(len(settled))
            settled.extend(cut_before_prose(line))
        elif _is_item(line):
            settled.extend(_cut_after_item(line))
        else:
            settled.append(line)
    items = [i for i, line in enumerate(settled) if _is_item(line)]
    if not items:
        settled[-1:] = cut_presenter(settled[-1])
        return settled
    # Sections: text between two runs of panel members. Only then is the line after the
    # coordinator's read as a section title too; a workshop's first paragraph is not one.
    between = any(
        not _is_item(settled[i + 1]) and any(j > i + 1 for j in items) for i in items[:-1]
    )
    if not between:
        return settled
    result: list[LogicalLine] = []
    for index, line in enumerate(settled):
        after_head = index > 0 and (index - 1 in heads or index - 1 in items)
        if after_head and not _is_item(line):
            result.extend(cut_section_title(line))
        else:
            result.append(line)
    return result
