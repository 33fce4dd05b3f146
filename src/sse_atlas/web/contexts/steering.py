"""What lets a visitor steer a search: sort orders, page sizes, downloads named in words, and
what to try next when nothing is found (the closest themes and countries, a spelling)."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace

from rapidfuzz import fuzz, process

from sse_atlas.search.results import SearchHit, SearchResults
from sse_atlas.web import labels, urls
from sse_atlas.web.contexts.common import Lang, Ref
from sse_atlas.web.contexts.overview import N_
from sse_atlas.web.params import PAGE_SIZES, SORTS, SearchParams
from sse_atlas.web.snapshot import Snapshot

SORT_LABELS = {
    "relevance": N_("Relevance"),
    "code": N_("Code"),
    "title": N_("Title"),
    "country": N_("Country"),
    "day": N_("Day"),
}
# downloads in words; a format missing here is shown by its name
EXPORT_LABELS = {
    "csv": N_("Table (CSV)"),
    "xlsx": N_("Spreadsheet (XLSX)"),
    "json": N_("Everything (JSON)"),
    "jsonl": N_("One record a line (JSON Lines)"),
    "geojson": N_("Map data (GeoJSON)"),
    "jsonld": N_("Linked data (JSON-LD)"),
    "turtle": N_("Linked data (Turtle)"),
    "ical": N_("Calendar (iCal)"),
    "frab": N_("Conference schedule (frab JSON)"),
}
SUGGESTIONS = 5  # themes and countries offered when nothing is found


@dataclass(frozen=True)
class Choice:
    value: str
    label: str
    selected: bool


@dataclass(frozen=True)
class Steering:
    sort: str
    limit: int
    sorts: list[Choice]
    page_sizes: list[Choice]


def steering(params: SearchParams, lang: Lang) -> Steering:
    sizes = sorted({*PAGE_SIZES, params.limit})
    return Steering(
        sort=params.sort,
        limit=params.limit,
        sorts=[Choice(s, lang.gettext(SORT_LABELS[s]), s == params.sort) for s in SORTS],
        page_sizes=[Choice(str(n), str(n), n == params.limit) for n in sizes],
    )


def export_label(name: str, lang: Lang) -> str:
    words = EXPORT_LABELS.get(name)
    return lang.gettext(words) if words else name


_NUMBER = re.compile(r"\d+")


def _natural(code: str) -> tuple[int, ...]:
    return tuple(int(part) for part in _NUMBER.findall(code))


def sorted_results(
    results: SearchResults, params: SearchParams, snapshot: Snapshot, lang: Lang
) -> SearchResults:
    """Every hit of ``results`` in the chosen order, cut to the requested page."""

    def day(hit: SearchHit) -> dt.date:
        record = snapshot.initiatives.get(hit.id) or snapshot.workshops.get(hit.id)
        return (record.date if record else None) or dt.date.max

    keys = {
        "code": lambda h: (h.catalogue or "", _natural(h.code)),
        "title": lambda h: (h.title.casefold(), _natural(h.code)),
        "country": lambda h: (
            (labels.country(h.country_code, lang.code) or "\uffff").casefold(),
            _natural(h.code),
        ),
        "day": lambda h: (day(h), _natural(h.code)),
    }
    ordered = sorted(results.hits, key=keys[params.sort]) if params.sort in keys else results.hits
    return replace(results, hits=ordered[params.offset : params.offset + params.limit])


@dataclass(frozen=True)
class EmptyHelp:
    spelling: Ref | None  # the query with its words spelled as the catalogues spell them
    themes: list[Ref]
    countries: list[Ref]


_WORDS: dict[int, tuple[Snapshot, tuple[str, ...]]] = {}  # the snapshot being served only


def _words(snapshot: Snapshot) -> tuple[str, ...]:
    """The words of the records' titles and descriptions, five letters or more."""
    known = _WORDS.get(id(snapshot))
    if known is not None and known[0] is snapshot:
        return known[1]
    texts = [f"{i.title} {i.description or ''}" for i in snapshot.initiatives.values()]
    texts += [f"{w.title} {w.description or ''}" for w in snapshot.workshops.values()]
    words = tuple(sorted({word for text in texts for word in re.findall(r"\w{5,}", text.lower())}))
    _WORDS.clear()
    _WORDS[id(snapshot)] = (snapshot, words)
    return words


def empty_help(snapshot: Snapshot, everything: SearchResults, text: str, lang: Lang) -> EmptyHelp:
    """When nothing is found: a spelling to try, and the most frequent themes and countries."""
    words = _words(snapshot)
    known = set(words)
    respelled = []
    for word in text.split():
        folded = word.lower()
        match = None if folded in known or len(folded) < 5 else process.extractOne(folded, words)
        good = match is not None and match[1] >= 80 and fuzz.ratio(folded, match[0]) >= 75
        respelled.append(match[0] if good and match is not None else word)
    suggestion = " ".join(respelled)
    spelling = (
        Ref(id=suggestion, label=suggestion, url=urls.search(suggestion))
        if suggestion.lower() != text.lower()
        else None
    )

    def top(facet: str) -> list[Ref]:
        values = sorted(everything.facets.get(facet, []), key=lambda v: -v.count)[:SUGGESTIONS]
        return [
            Ref(
                id=v.value,
                label=labels.facet_value(facet, v.value, v.label, lang.code),
                url=urls.search(filters={facet: [v.value]}),
            )
            for v in values
        ]

    return EmptyHelp(spelling=spelling, themes=top("theme"), countries=top("country"))
