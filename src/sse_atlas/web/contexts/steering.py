"""What lets a visitor steer a search: sort orders, page sizes, downloads named in words, and
what to try next when nothing is found (the closest themes and countries, a spelling)."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace

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


def empty_help(everything: SearchResults, results: SearchResults, lang: Lang) -> EmptyHelp:
    """When nothing is found: the spelling the engine offers, and the most frequent themes and
    countries of the collection (``everything``)."""
    spelling = results.spelling
    offer = Ref(id=spelling, label=spelling, url=urls.search(spelling)) if spelling else None

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

    return EmptyHelp(spelling=offer, themes=top("theme"), countries=top("country"))
