"""How the search page says what it read in the query, each part with a link that undoes it;
the organisations and people the query names; "did you mean"; the closest countries and themes
when nothing is found."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sse_atlas.search.results import SearchResults
from sse_atlas.web import urls
from sse_atlas.web.contexts.common import Lang
from sse_atlas.web.contexts.overview import N_

# how each kind reads after "Showing initiatives"
_PHRASES = {
    "place": N_("in %(label)s"),
    "day": N_("on %(label)s"),
    "session": N_("in %(label)s"),
    "organisation_type": N_("by %(label)s"),
    "group": N_("for %(label)s"),
    "theme": N_("about %(label)s"),
    "sdg": N_("towards %(label)s"),
    "entity": N_("naming %(label)s"),
}


@dataclass(frozen=True)
class ReadPart:
    """One thing the query was read as: "in Brazil", with the link that searches it as words."""

    kind: str
    text: str
    span: str  # the query's words it was read from
    filter: bool  # only matching initiatives (True) or matching ones first (False)
    remove_url: str


@dataclass(frozen=True)
class EntityView:
    kind: str  # organisation | person
    name: str
    url: str
    records: int


@dataclass(frozen=True)
class Offer:
    facet: str
    label: str
    count: int
    url: str


@dataclass(frozen=True)
class Understanding:
    parts: list[ReadPart]
    literal: list[str]  # kinds the person turned off
    restore_url: str | None  # the search with every interpretation back on
    suggestion: str | None
    suggestion_url: str | None
    entities: list[EntityView]
    closest: list[Offer]


def understanding(
    results: SearchResults, text: str, filters: dict[str, list[str]], lang: Lang
) -> Understanding:
    _ = lang.gettext
    literal = list(results.query.literal)

    def search_url(kinds: Sequence[str], query: str = text) -> str:
        pairs = [*urls.search_pairs(query, filters), *(("literal", k) for k in kinds)]
        return urls.with_query("/", pairs)

    parts = [
        ReadPart(
            i.kind,
            _(_PHRASES[i.kind]) % {"label": i.label},
            i.span,
            i.filter,
            search_url([*literal, i.kind]),
        )
        for i in results.interpreted
    ]
    entities = [
        EntityView(
            e.kind,
            e.name,
            urls.organisation(e.id) if e.kind == "organisation" else urls.person(e.id),
            len(e.initiatives) + len(e.workshops),
        )
        for e in results.entities
    ]
    closest = [
        Offer(facet, v.label, v.count, urls.with_query("/", [(facet, v.value)]))
        for facet, values in results.closest.items()
        for v in values
    ]
    suggestion = results.suggestion
    return Understanding(
        parts=parts,
        literal=literal,
        restore_url=search_url([]) if literal else None,
        suggestion=suggestion,
        suggestion_url=search_url(literal, suggestion) if suggestion else None,
        entities=entities,
        closest=closest,
    )
