"""Data-quality findings, and the doubts about entries to review, told in the interface language.

A finding carries its detail as one English sentence written by the reader. Each sentence the
reader can write is matched here by its kind and shape, and its parameters (codes, lines, counts,
the text as printed) are put into the same sentence in the interface language. Printed text is
quoted as printed, never translated: it is the evidence. A sentence of an unknown shape is shown
as recorded, in English.
"""

from __future__ import annotations

import ast
import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Final

from sse_atlas.model import EntryConfidence, Finding
from sse_atlas.web import labels


def N_(message: str) -> str:
    """Marks a message for the catalogues; it is translated where it is shown."""
    return message


@dataclass(frozen=True)
class _Shape:
    kind: str
    pattern: re.Pattern[str]
    words: str  # a msgid whose placeholders are the pattern's groups


_QUOTED = r"(?P<{}>'.*'|\".*\")"


def _shape(kind: str, pattern: str, words: str) -> _Shape:
    return _Shape(kind, re.compile(pattern.format(quoted=_QUOTED.format("text")), re.DOTALL), words)


# the sentences of ingest/quality.py, ingest/catalogue.py, ingest/reader.py and kb.py
_SHAPES: Final = (
    _shape(
        "missing-field",
        r"workshop (?P<code>\S+) has no (?P<field>[\w-]+)",
        N_("Workshop %(code)s has no %(field)s."),
    ),
    _shape(
        "missing-field", r"(?P<code>\S+) has no (?P<field>[\w-]+)", N_("%(code)s has no %(field)s.")
    ),
    _shape(
        "unknown-country",
        r"(?P<code>\S+): country {quoted} is not a known name",
        N_("%(code)s: the country “%(text)s” is not a known name."),
    ),
    _shape(
        "broken-url", r"URL {quoted}: (?P<problems>[\w;-]+)", N_("Link “%(text)s”: %(problems)s.")
    ),
    _shape(
        "irregular-line",
        r"table of contents lists (?P<code>\S+) but the body has no such workshop",
        N_("The table of contents lists %(code)s but the body has no such workshop."),
    ),
    _shape(
        "irregular-line",
        r"workshop (?P<code>\S+) has no heading in the body",
        N_("Workshop %(code)s has no heading in the body."),
    ),
    _shape(
        "irregular-line",
        r"item (?P<code>\S+) appears outside its workshop's heading",
        N_("Item %(code)s appears outside the heading of its workshop."),
    ),
    _shape(
        "irregular-line",
        r"item (?P<code>\S+) follows a coordinated workshop",
        N_("Item %(code)s follows a coordinated workshop."),
    ),
    _shape(
        "irregular-line",
        r"text between workshop (?P<code>\S+) and its item",
        N_("Text between workshop %(code)s and its item."),
    ),
    _shape(
        "irregular-line",
        r"text under workshop heading (?P<code>\S+): {quoted}",
        N_("Text under the heading of workshop %(code)s: “%(text)s”."),
    ),
    _shape(
        "irregular-line",
        r"line not part of any entry: {quoted}",
        N_("A line not part of any entry: “%(text)s”."),
    ),
    _shape(
        "back-matter",
        r"(?P<count>\d+) lines after the entries \(partners, sponsors\) not read as entries",
        N_("%(count)s lines after the entries (partners, sponsors), not read as entries."),
    ),
    _shape(
        "count-mismatch",
        r"the document states (?P<stated>\d+) (?P<name>\w+), (?P<found>\d+) found",
        N_("The document states %(stated)s %(name)s; %(found)s found."),
    ),
    _shape(
        "duplicate",
        r"(?P<code>\S+) is printed twice \(lines (?P<first>\d+) and (?P<second>\d+)\); stored once",
        N_("%(code)s is printed twice (lines %(first)s and %(second)s); stored once."),
    ),
    _shape(
        "duplicate-code",
        r"(?P<code>\S+) is used twice with different content \(lines (?P<first>\d+) and "
        r"(?P<second>\d+)\); the second is kept only in this report",
        N_(
            "%(code)s is used twice with different content (lines %(first)s and %(second)s); "
            "the second is kept only in this report."
        ),
    ),
    _shape(
        "inferred-day",
        r"no day header before session (?P<session>\d+): dated (?P<date>[\d-]+), "
        r"the day after the one before",
        N_(
            "No day heading before session %(session)s: dated %(date)s, "
            "the day after the one before."
        ),
    ),
    _shape(
        "imported",
        r"imported from the interchange export (?P<text>.+)",
        N_("Imported from the interchange export “%(text)s”."),
    ),
    _shape(
        "bidi-control",
        r"(?P<count>\d+) bidirectional control character\(s\) removed",
        N_("%(count)s bidirectional control character(s) removed."),
    ),
    _shape(
        "unsafe-url",
        r"{quoted}: a URL scheme no link may have; not kept as a link",
        N_("“%(text)s”: a kind of address no link may have; not kept as a link."),
    ),
)
# the doubts of ingest/confidence.py (signals that take confidence off an entry)
_DOUBTS: Final = (
    _shape("missing-location", r"no location line found", N_("no location line found")),
    _shape("missing-organisation", r"no organisation found", N_("no organisation found")),
    _shape(
        "missing-country", r"no country in the location line", N_("no country in the location line")
    ),
    _shape("missing-presenter", r"no presenter line found", N_("no presenter line found")),
    _shape("missing-description", r"no description", N_("no description")),
    _shape(
        "unknown-country",
        r"country {quoted} is not known",
        N_("the country “%(text)s” is not known"),
    ),
    _shape(
        "long-title",
        r"title of (?P<count>\d+) characters",
        N_("a title of %(count)s characters"),
    ),
    _shape("broken-url", r"(?P<text>.+)", N_("a link that cannot work: %(text)s")),
    _shape(
        "unfinished-description",
        r"description ends mid-sentence",
        N_("the description ends mid-sentence"),
    ),
    _shape("short-description", r"a very short description", N_("a very short description")),
    _shape(
        "heading-told-apart",
        r"heading joined to the (?P<count>\d+) line\(s\) after it; .*",
        N_(
            "heading joined to the %(count)s line(s) after it; where the title ends was told "
            "by the entry's structure, not by the layout"
        ),
    ),
    _shape(
        "joined-by-width",
        r"(?P<count>\d+) line\(s\) joined only because the line before was full",
        N_("%(count)s line(s) joined only because the line before was full"),
    ),
)
_LINK_PROBLEMS: Final = {
    "contains-space": N_("it contains a space"),
    "missing-scheme": N_("it has no http:// or https://"),
    "malformed-host": N_("its site name is malformed"),
}
# the counts a document states, as words inside a sentence
_COUNT_NAMES: Final = {
    "initiatives": N_("initiatives"),
    "countries": N_("countries"),
    "coordinated_workshops": N_("coordinated workshops"),
    "workshops": N_("workshops"),
    "sessions": N_("sessions"),
    "days": N_("days"),
}


def _printed(quoted: str) -> str:
    """The printed text inside the quotes the reader put around it."""
    try:
        value = ast.literal_eval(quoted)
    except (ValueError, SyntaxError):
        return quoted
    return value if isinstance(value, str) else quoted


def _parameter(name: str, value: str, words: Callable[[str], str], language: str) -> str:
    if name == "date":
        try:
            return labels.day(dt.date.fromisoformat(value), language) or value
        except ValueError:
            return value
    if name == "field":
        return labels.in_words(labels.FINDING_FIELDS, value, words) or value
    if name == "name":
        return words(_COUNT_NAMES[value]) if value in _COUNT_NAMES else value.replace("_", " ")
    if name == "problems":
        return ", ".join(
            words(_LINK_PROBLEMS[p]) if p in _LINK_PROBLEMS else p for p in value.split(";")
        )
    if name == "text" and value[:1] in "'\"":
        return _printed(value)
    return value


def _sentence(
    shapes: tuple[_Shape, ...], kind: str, text: str, words: Callable[[str], str], language: str
) -> str | None:
    for shape in shapes:
        if shape.kind != kind:
            continue
        match = shape.pattern.fullmatch(text)
        if match:
            found = {k: _parameter(k, v, words, language) for k, v in match.groupdict().items()}
            return words(shape.words) % found if found else words(shape.words)
    return None


def in_words(finding: Finding, words: Callable[[str], str], language: str) -> str | None:
    """The finding's detail in the interface language, or None when its sentence has a shape
    not known here (then it is shown as recorded)."""
    return _sentence(_SHAPES, finding.kind, finding.message, words, language)


@dataclass(frozen=True)
class Doubt:
    text: str
    lang: str  # the language of ``text``: the recorded English where its shape is not known


@dataclass(frozen=True)
class ReviewEntry:
    """An entry to review first, its fields and doubts in the interface language."""

    code: str
    line: int | None
    page: int | None
    confidence: float
    fields: list[str]
    doubts: list[Doubt]


def review_entry(entry: EntryConfidence, words: Callable[[str], str], language: str) -> ReviewEntry:
    doubts = []
    for signal in entry.doubts:
        text = _sentence(_DOUBTS, signal.name, signal.detail, words, language)
        doubts.append(Doubt(text, language) if text else Doubt(signal.detail, "en"))
    return ReviewEntry(
        code=entry.code,
        line=entry.line,
        page=entry.page,
        confidence=entry.confidence,
        fields=[labels.in_words(labels.FINDING_FIELDS, f, words) or f for f in entry.fields],
        doubts=doubts,
    )
