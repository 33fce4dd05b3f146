"""Contexts of the search page and the map: hits, facets with toggles, pages, located points."""

from __future__ import annotations

import math
from dataclasses import dataclass, field, replace

from babel import Locale, UnknownLocaleError

from sse_atlas.exports import formats
from sse_atlas.model import Initiative
from sse_atlas.search.results import FacetValue, SearchHit, SearchResults
from sse_atlas.web import labels, urls
from sse_atlas.web.contexts.common import InitiativeCard, Lang, Ref, initiative_card
from sse_atlas.web.contexts.overview import N_
from sse_atlas.web.contexts.steering import EmptyHelp, Steering, export_label, steering
from sse_atlas.web.contexts.understanding import Understanding, understanding
from sse_atlas.web.params import MAX_PAGE, SearchParams
from sse_atlas.web.snapshot import Snapshot

FACET_TITLES = {
    "country": N_("Country"),
    "continent": N_("Continent"),
    "un_region": N_("Region"),
    "theme": N_("Theme"),
    "sdg": N_("Sustainable Development Goal"),
    "sector": N_("Sector"),
    "organisation_type": N_("Organisation type"),
    "group": N_("Group served"),
    "day": N_("Day"),
    "session": N_("Session"),
    "workshop": N_("Workshop"),
    "catalogue": N_("Catalogue"),
    "language": N_("Language"),
    "kind": N_("Kind"),
}
_KINDS = {"initiative": N_("Initiative"), "workshop": N_("Coordinated workshop")}
# facets whose values are interface words, translated by the catalogues
_TRANSLATED_VALUES = frozenset({"continent", "un_region"})


@dataclass(frozen=True)
class HitView:
    id: str
    code: str
    kind: str
    title: str
    url: str
    score: float
    snippet: str  # matched words inside [[ and ]]
    organisation: str | None
    city: str | None
    country: str | None
    country_code: str | None
    catalogue: str | None
    text_lang: str | None = None  # language of the title and snippet, as the record gives it


@dataclass(frozen=True)
class FacetOption:
    value: str
    label: str
    count: int
    selected: bool
    url: str  # the same search with this value toggled


@dataclass(frozen=True)
class FacetView:
    name: str
    title: str
    options: list[FacetOption]
    selected: int


@dataclass(frozen=True)
class ActiveFilter:
    facet: str
    facet_title: str
    value: str
    label: str
    remove_url: str


@dataclass(frozen=True)
class PageNumber:
    number: int
    url: str
    current: bool


@dataclass(frozen=True)
class Pager:
    page: int
    pages: int
    limit: int
    first: int  # 1-based rank of the first hit shown
    last: int
    previous_url: str | None
    next_url: str | None
    numbers: list[PageNumber]  # the first, the last, and the pages around this one


@dataclass(frozen=True)
class SearchPage:
    title: str
    query: str
    filters: dict[str, list[str]]
    shortened: bool
    total: int
    weak: bool
    language: str | None
    hits: list[HitView]
    facets: list[FacetView]
    active: list[ActiveFilter]
    pager: Pager
    clear_url: str
    map_url: str
    exports: list[Ref]
    understood: Understanding  # what the query was read as, each part removable
    steering: Steering
    empty: EmptyHelp | None  # what to try when nothing is found


@dataclass(frozen=True)
class MapPoint:
    id: str
    title: str
    url: str
    latitude: float
    longitude: float
    organisation: str | None
    city: str | None
    country: str | None
    precision: str | None


@dataclass(frozen=True)
class MapPlace:
    """A place the collection's own records name, labelled on the map when zoomed in."""

    name: str
    latitude: float
    longitude: float
    count: int  # initiatives located there


@dataclass(frozen=True)
class MapPage:
    title: str
    query: str
    filters: dict[str, list[str]]
    total: int
    points: list[MapPoint]
    unlocated: list[InitiativeCard]
    facets: list[FacetView]
    active: list[ActiveFilter]
    search_url: str
    clear_url: str
    places: list[MapPlace] = field(default_factory=list)


def value_label(
    facet: str, value: FacetValue | str, lang: Lang, snapshot: Snapshot | None = None
) -> str:
    raw = value.value if isinstance(value, FacetValue) else value
    fallback = value.label if isinstance(value, FacetValue) else value
    if snapshot is not None and facet == "workshop" and raw in snapshot.workshops:
        workshop = snapshot.workshops[raw]
        return f"{workshop.code} {workshop.title}"
    if snapshot is not None and facet == "catalogue" and raw in snapshot.catalogues:
        return labels.catalogue_name(snapshot.catalogues[raw])
    if facet in _TRANSLATED_VALUES:
        return lang.gettext(raw)
    if facet == "kind":
        return lang.gettext(_KINDS.get(raw, raw))
    if facet == "session":
        return lang.gettext("Session %(number)s") % {"number": raw}
    if facet == "language":
        try:
            name: str = Locale.parse(lang.code).languages.get(raw, fallback)
            return name
        except (UnknownLocaleError, ValueError):
            return fallback
    return labels.facet_value(facet, raw, fallback, lang.code)


def _facets(
    snapshot: Snapshot, results: SearchResults, params: SearchParams, path: str, lang: Lang
) -> list[FacetView]:
    views: list[FacetView] = []
    for name, values in results.facets.items():
        chosen = params.filters.get(name, ())
        # a facet with one value narrows nothing (unless it is the one chosen)
        if not values or (len(values) == 1 and not chosen):
            continue
        options = [
            FacetOption(
                value=v.value,
                label=value_label(name, v, lang, snapshot),
                count=v.count,
                selected=v.selected or v.value in chosen,
                url=urls.search(
                    params.text,
                    params.toggled(name, v.value),
                    path=path,
                    steering=_keep(params, path),
                ),
            )
            for v in values
        ]
        views.append(
            FacetView(
                name=name,
                title=lang.gettext(FACET_TITLES.get(name, name)),
                options=options,
                selected=sum(1 for o in options if o.selected),
            )
        )
    return views


def _keep(params: SearchParams, path: str) -> list[tuple[str, str]]:
    """Sort and page size carry over on the search page (a new filter starts at page one)."""
    return params.steering() if path == "/" else []


def _active(snapshot: Snapshot, params: SearchParams, path: str, lang: Lang) -> list[ActiveFilter]:
    return [
        ActiveFilter(
            facet=name,
            facet_title=lang.gettext(FACET_TITLES.get(name, name)),
            value=value,
            label=value_label(name, value, lang, snapshot),
            remove_url=urls.search(
                params.text, params.toggled(name, value), path=path, steering=_keep(params, path)
            ),
        )
        for name, values in params.filters.items()
        for value in values
    ]


def text_language(snapshot: Snapshot, record_id: str, catalogue: str | None) -> str | None:
    """The language a record's own text is written in: its detected one, else its catalogue's."""
    found = snapshot.initiatives.get(record_id)
    if found is not None and found.language:
        return found.language
    source = snapshot.catalogues.get(catalogue or "")
    return source.language if source is not None else None


def hit_view(hit: SearchHit, lang: Lang, snapshot: Snapshot | None = None) -> HitView:
    """A search hit as pages and the API show it (the country named in ``lang``)."""
    return HitView(
        id=hit.id,
        code=hit.code,
        kind=hit.kind,
        title=hit.title,
        url=urls.hit(hit.id, hit.kind),
        score=hit.score,
        snippet=hit.snippet,
        organisation=hit.organisation,
        city=hit.city,
        country=labels.country(hit.country_code, lang.code),
        country_code=hit.country_code,
        catalogue=hit.catalogue,
        text_lang=text_language(snapshot, hit.id, hit.catalogue) if snapshot else None,
    )


def hit_views(hits: list[SearchHit], lang: Lang, snapshot: Snapshot | None) -> list[HitView]:
    """The hits as shown, their records read from the store in one go (for their language)."""
    if snapshot is not None:
        snapshot.initiatives.many([h.id for h in hits if h.kind == "initiative"])
    return [hit_view(h, lang, snapshot) for h in hits]


def _pager(params: SearchParams, total: int) -> Pager:
    pages = max(1, min(MAX_PAGE, math.ceil(total / params.limit)))
    page = params.page
    filters = params.lists()
    shown = max(0, min(params.limit, total - params.offset))

    def at(number: int) -> str:
        return urls.search(params.text, filters, number, steering=params.steering())

    return Pager(
        page=page,
        pages=pages,
        limit=params.limit,
        first=params.offset + 1 if shown else 0,
        last=params.offset + shown,
        previous_url=at(page - 1) if page > 1 else None,
        next_url=at(page + 1) if page < pages else None,
        numbers=[
            PageNumber(number, at(number), number == page)
            for number in sorted({1, pages, *range(max(1, page - 2), min(pages, page + 2) + 1)})
        ],
    )


def search_page(
    snapshot: Snapshot,
    results: SearchResults,
    params: SearchParams,
    lang: Lang,
    empty: EmptyHelp | None = None,
) -> SearchPage:
    _ = lang.gettext
    filters = params.lists()
    total = results.total
    title = _("Search: %(query)s") % {"query": params.text} if params.text else _("Search")
    return SearchPage(
        title=title,
        query=params.text,
        filters=filters,
        shortened=params.shortened,
        total=total,
        weak=results.weak,
        language=results.language,
        hits=hit_views(results.hits, lang, snapshot),
        facets=_facets(snapshot, results, params, "/", lang),
        active=_active(snapshot, params, "/", lang),
        pager=_pager(params, total),
        clear_url="/",
        map_url=urls.search(params.text, filters, path="/map"),
        exports=[
            Ref(
                id=name,
                label=export_label(name, lang),
                url=urls.search(params.text, filters, path=f"/exports/{name}"),
            )
            for name in formats()
        ],
        understood=understanding(results, params.text, filters, lang),
        steering=steering(params, lang),
        empty=empty,
    )


def _point(initiative: Initiative, lang: Lang) -> MapPoint | None:
    place = initiative.place
    if place.latitude is None or place.longitude is None:
        return None
    return MapPoint(
        id=initiative.id,
        title=initiative.title,
        url=urls.initiative(initiative.id),
        latitude=place.latitude,
        longitude=place.longitude,
        organisation=initiative.organisation,
        city=place.city,
        country=labels.country(place.country_code, lang.code) or place.country,
        precision=place.precision,
    )


def map_places(points: list[MapPoint]) -> list[MapPlace]:
    """The located places of ``points``, one per city (or country, for points located no
    closer), where its first initiative was placed; the busiest first."""
    places: dict[tuple[str, str | None], MapPlace] = {}
    for point in points:
        name = point.city if point.precision != "country" and point.city else point.country
        if not name:
            continue
        key = (name, point.country)
        known = places.get(key)
        places[key] = (
            replace(known, count=known.count + 1)
            if known
            else MapPlace(name, point.latitude, point.longitude, 1)
        )
    return sorted(places.values(), key=lambda p: (-p.count, p.name))


def map_page(
    snapshot: Snapshot,
    results: SearchResults,
    params: SearchParams,
    lang: Lang,
) -> MapPage:
    """Every initiative the search finds, located or not."""
    initiatives = snapshot.initiatives.many([hit.id for hit in results.hits])
    points: list[MapPoint] = []
    unlocated: list[InitiativeCard] = []
    for initiative in initiatives:
        point = _point(initiative, lang)
        if point is None:
            unlocated.append(initiative_card(initiative, lang))
        else:
            points.append(point)
    filters = params.lists()
    return MapPage(
        title=lang.gettext("Map"),
        query=params.text,
        filters=filters,
        total=len(initiatives),
        points=points,
        unlocated=unlocated,
        facets=_facets(snapshot, results, params, "/map", lang),
        active=_active(snapshot, params, "/map", lang),
        search_url=urls.search(params.text, filters),
        clear_url="/map",
        places=map_places(points),
    )
