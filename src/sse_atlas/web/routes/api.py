"""The read-only JSON API under ``/api/v1`` (OpenAPI at ``/api/v1/openapi.json``).

Single records answer the same object as their HTML page's JSON twin; lists are paginated with
``limit`` and ``offset`` and say where the next and previous pages are. A query parameter an
endpoint does not take, or a facet value the knowledge base does not hold, answers 422 with the
allowed ones rather than being ignored.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from typing import Any, TypeVar

from fastapi import APIRouter, Depends, HTTPException, Query
from fastapi.exceptions import RequestValidationError
from fastapi.routing import APIRoute
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from sse_atlas.model import Initiative, Workshop
from sse_atlas.model.validate import interchange_schema
from sse_atlas.search.entities import parse_types
from sse_atlas.search.facets import FACET_LIMIT
from sse_atlas.search.results import FACETS, SearchQuery, SearchResults
from sse_atlas.search.understand import KINDS
from sse_atlas.web import labels, urls
from sse_atlas.web.contexts import overview, programme, records
from sse_atlas.web.contexts.common import InitiativeCard, Lang, Ref, WorkshopCard, initiative_card
from sse_atlas.web.contexts.common import workshop_card as card_of_workshop
from sse_atlas.web.contexts.search import HitView, hit_views
from sse_atlas.web.params import MAX_LIMIT, SearchParams
from sse_atlas.web.render import json_response, page
from sse_atlas.web.routes import write_api
from sse_atlas.web.routes.common import (
    find_catalogue,
    find_country,
    find_initiative,
    find_organisation,
    find_person,
    find_workshop,
    lang_of,
    site_of,
)
from sse_atlas.web.snapshot import Snapshot

T = TypeVar("T")
COMMON_PARAMETERS = ("lang",)  # every endpoint takes the interface language of its labels


def _unknown(where: str, what: str, allowed: list[str]) -> RequestValidationError:
    shown = ", ".join(allowed) if allowed else "none"
    return RequestValidationError(
        [{"loc": ("query", where), "msg": f"unknown {what}; allowed: {shown}", "type": "unknown"}]
    )


def known_parameters(request: Request) -> None:
    """Refuse query parameters the matched endpoint does not take."""
    route = request.scope.get("route")
    if not isinstance(route, APIRoute):
        return
    allowed = [param.alias for param in route.dependant.query_params]
    allowed += list(COMMON_PARAMETERS)
    if route.path == "/api/v1/search":
        allowed += list(FACETS)
    for name in request.query_params:
        if name not in allowed:
            raise _unknown(name, f"parameter {name!r}", sorted(allowed))


def known_filter_values(request: Request, params: SearchParams) -> None:
    """Refuse facet values no record has, checked against all of a facet's values.

    Each facet is asked alone: its counts ignore its own selection, so a value any record has
    counts at least one, however many values the facet has (the listing stops at
    ``FACET_LIMIT``; a selected value is always counted)."""
    site = site_of(request)
    for name, values in params.filters.items():
        only = SearchQuery(limit=1, filters={name: tuple(values)})
        counts = {value.value: value.count for value in site.search(only).facets.get(name, [])}
        for value in values:
            if counts.get(value, 0) == 0:
                listed = site.search(SearchQuery(limit=1)).facets.get(name, [])
                held = [v.value for v in listed]
                cut = (
                    [f"… (the {FACET_LIMIT} most frequent shown)"]
                    if len(held) >= FACET_LIMIT
                    else []
                )
                raise _unknown(name, f"{name} {value!r}", held + cut)


router = APIRouter(
    prefix="/api/v1", tags=["knowledge base"], dependencies=[Depends(known_parameters)]
)
Limit = Query(20, ge=1, le=MAX_LIMIT, description="items per page")
Offset = Query(0, ge=0, description="items to skip")
Literal = Query(
    [],
    description="kinds of interpretation to turn off, their words searched as words "
    f"(repeat; {', '.join(KINDS)}, or all)",
)


@dataclass(frozen=True)
class ApiFacetValue:
    value: str
    label: str
    count: int
    selected: bool


@dataclass(frozen=True)
class ApiInterpretation:
    """What the query was read as; ``literal_url`` searches the same words without it."""

    kind: str
    values: list[str]
    label: str
    span: str
    filter: bool
    facet: str | None
    literal_url: str


@dataclass(frozen=True)
class ApiEntity:
    kind: str
    id: str
    name: str
    url: str
    initiatives: list[str]
    workshops: list[str]


@dataclass(frozen=True)
class ApiSearch:
    query: str
    filters: dict[str, list[str]]
    limit: int
    offset: int
    total: int
    weak: bool
    language: str | None
    hits: list[HitView]
    facets: dict[str, list[ApiFacetValue]]
    next: str | None
    interpreted: list[ApiInterpretation] = field(default_factory=list)
    literal: list[str] = field(default_factory=list)
    suggestion: str | None = None
    entities: list[ApiEntity] = field(default_factory=list)
    closest: dict[str, list[ApiFacetValue]] = field(default_factory=dict)
    spelling: str | None = None


@dataclass(frozen=True)
class Listing:
    total: int
    limit: int
    offset: int
    next: str | None
    previous: str | None


@dataclass(frozen=True)
class InitiativeListing(Listing):
    items: list[InitiativeCard]


@dataclass(frozen=True)
class WorkshopListing(Listing):
    items: list[WorkshopCard]


@dataclass(frozen=True)
class EntryListing(Listing):
    items: list[overview.IndexEntry]


@dataclass(frozen=True)
class CatalogueListing(Listing):
    items: list[Ref]


def _window(request: Request, total: int, limit: int, offset: int) -> dict[str, Any]:
    def at(start: int) -> str:
        query = [(k, v) for k, v in request.query_params.multi_items() if k != "offset"]
        return urls.with_query(request.url.path, [*query, ("offset", str(start))])

    return {
        "total": total,
        "limit": limit,
        "offset": offset,
        "next": at(offset + limit) if offset + limit < total else None,
        "previous": at(max(0, offset - limit)) if offset > 0 else None,
    }


_FACET_PARAMETERS = [
    {
        "name": name,
        "in": "query",
        "required": False,
        "description": f"keep hits with this {name} (repeat to OR values; facets are AND-ed)",
        "schema": {"type": "array", "items": {"type": "string"}},
        "style": "form",
        "explode": True,
    }
    for name in FACETS
]


def api_search(
    results: SearchResults,
    params: SearchParams,
    limit: int,
    offset: int,
    lang: Lang,
    snapshot: Snapshot | None = None,
) -> ApiSearch:
    total = results.total
    following = [
        *urls.search_pairs(params.text, params.filters),
        ("limit", str(limit)),
        ("offset", str(offset + limit)),
    ]
    return ApiSearch(
        query=params.text,
        filters=params.lists(),
        limit=limit,
        offset=offset,
        total=total,
        weak=results.weak,
        language=results.language,
        hits=hit_views(results.hits, lang, snapshot),
        facets={
            name: [ApiFacetValue(v.value, v.label, v.count, v.selected) for v in values]
            for name, values in results.facets.items()
        },
        next=urls.with_query("/api/v1/search", following) if offset + limit < total else None,
        **_understood(results, params, limit),
    )


def _understood(results: SearchResults, params: SearchParams, limit: int) -> dict[str, Any]:
    """The interpretation, names, suggestion and closest values of a search, for its JSON."""
    literal = list(results.query.literal)
    types = [("types", ",".join(results.query.types))]

    def without(kind: str) -> str:
        pairs = [*urls.search_pairs(params.text, params.filters), ("limit", str(limit))]
        pairs += [*types, *(("literal", k) for k in [*literal, kind])]
        return urls.with_query("/api/v1/search", pairs)

    return {
        "interpreted": [
            ApiInterpretation(
                i.kind, list(i.values), i.label, i.span, i.filter, i.facet, without(i.kind)
            )
            for i in results.interpreted
        ],
        "literal": literal,
        "suggestion": results.suggestion,
        "spelling": results.spelling,
        "entities": [
            ApiEntity(
                e.kind,
                e.id,
                e.name,
                urls.organisation(e.id) if e.kind == "organisation" else urls.person(e.id),
                list(e.initiatives),
                list(e.workshops),
            )
            for e in results.entities
        ],
        "closest": {
            name: [ApiFacetValue(v.value, v.label, v.count, v.selected) for v in values]
            for name, values in results.closest.items()
        },
    }


@router.get(
    "/search",
    response_model=ApiSearch,
    summary="Search initiatives and coordinated workshops, with facet counts",
    openapi_extra={"parameters": _FACET_PARAMETERS},
)
def search(
    request: Request,
    q: str = Query("", description="text to look for (may be empty: facets alone)"),
    limit: int = Limit,
    offset: int = Query(0, ge=0, le=100_000, description="hits to skip"),
    types: str = Query(
        "initiative",
        description="what to return, comma-separated: initiative (initiatives and workshops), "
        "organisation, person (the organisations and people the query names, under entities)",
        # documented, so that a client (and the OpenAPI fuzz test) knows what is refused
        pattern=r"^\s*(initiative|organisation|person)(\s*,\s*(initiative|organisation|person))*\s*$",
    ),
    literal: list[str] = Literal,
) -> Response:
    params = SearchParams.parse(request.query_params.multi_items())
    try:
        chosen = parse_types(types)
    except ValueError as error:
        raise HTTPException(status_code=422, detail=str(error)) from error
    unknown = [k for k in literal if k not in (*KINDS, "all")]
    if unknown:
        detail = f"unknown literal {', '.join(unknown)}: use some of {', '.join(KINDS)}, or all"
        raise HTTPException(status_code=422, detail=detail)
    known_filter_values(request, params)
    query = replace(params.query(limit=limit, offset=offset), literal=tuple(literal), types=chosen)
    site = site_of(request)
    results = site.search(query)
    answer = api_search(results, params, limit, offset, lang_of(request), site.snapshot)
    return json_response(answer)


def _counted(records: Iterable[T], offset: int, limit: int) -> tuple[int, list[T]]:
    """How many records there are, and the ``limit`` of them from ``offset`` (kept alone)."""
    total = 0
    window: list[T] = []
    for total, record in enumerate(records, start=1):
        if offset < total <= offset + limit:
            window.append(record)
    return total, window


@router.get("/initiatives", response_model=InitiativeListing, summary="Initiatives")
def initiatives(
    request: Request,
    catalogue: str | None = None,
    country: str | None = Query(None, description="ISO 3166-1 alpha-2 code"),
    limit: int = Limit,
    offset: int = Offset,
) -> Response:
    lang = lang_of(request)
    snapshot = site_of(request).snapshot
    # read by an indexed column; the whole collection is streamed, never held
    chosen: Iterable[Initiative]
    if country is not None:
        chosen = snapshot.in_country(country)
    elif catalogue is not None:
        chosen = snapshot.initiatives.where("catalogue_id", catalogue)
    else:
        chosen = snapshot.initiatives.values()
    found = (i for i in chosen if catalogue is None or i.catalogue == catalogue)
    total, window = _counted(found, offset, limit)
    items = [initiative_card(i, lang) for i in window]
    return json_response(InitiativeListing(**_window(request, total, limit, offset), items=items))


@router.get(
    "/initiatives/{catalogue}/{code}",
    response_model=records.InitiativePage,
    summary="One initiative, with its presenters, place, links and similar initiatives",
    responses={404: {"description": "no such initiative"}},
)
def initiative(request: Request, catalogue: str, code: str) -> Response:
    found = find_initiative(request, catalogue, code)
    site = site_of(request)
    similar = site.similar(found.id, 6)
    return json_response(records.initiative_page(site.snapshot, found, similar, lang_of(request)))


@router.get("/workshops", response_model=WorkshopListing, summary="Workshops")
def workshops(
    request: Request, catalogue: str | None = None, limit: int = Limit, offset: int = Offset
) -> Response:
    snapshot = site_of(request).snapshot
    chosen: Iterable[Workshop] = (
        snapshot.workshops.values()
        if catalogue is None
        else snapshot.workshops.where("catalogue_id", catalogue)
    )
    total, window = _counted(chosen, offset, limit)
    items = [card_of_workshop(w) for w in window]
    return json_response(WorkshopListing(**_window(request, total, limit, offset), items=items))


@router.get(
    "/workshops/{catalogue}/{code}",
    response_model=records.WorkshopPage,
    summary="One workshop, with its panel or initiatives",
    responses={404: {"description": "no such workshop"}},
)
def workshop(request: Request, catalogue: str, code: str) -> Response:
    found = find_workshop(request, catalogue, code)
    return json_response(records.workshop_page(site_of(request).snapshot, found, lang_of(request)))


@router.get("/programme", response_model=CatalogueListing, summary="Catalogues with a programme")
def programmes(request: Request, limit: int = Limit, offset: int = Offset) -> Response:
    refs = [
        Ref(id=c.id, label=labels.catalogue_name(c), url=urls.programme(c.id))
        for c in site_of(request).snapshot.catalogues.values()
    ]
    window = _window(request, len(refs), limit, offset)
    return json_response(CatalogueListing(**window, items=refs[offset : offset + limit]))


@router.get(
    "/programme/{catalogue}",
    response_model=programme.ProgrammePage,
    summary="Days, sessions, workshops and initiatives of a catalogue",
    responses={404: {"description": "no such catalogue"}},
)
def programme_of(request: Request, catalogue: str) -> Response:
    found = find_catalogue(request, catalogue)
    return json_response(
        programme.programme_page(site_of(request).snapshot, found, lang_of(request))
    )


def _entries(request: Request, page: overview.IndexPage, limit: int, offset: int) -> Response:
    window = _window(request, len(page.entries), limit, offset)
    return json_response(EntryListing(**window, items=page.entries[offset : offset + limit]))


@router.get("/organisations", response_model=EntryListing, summary="Organisations")
def organisations(request: Request, limit: int = Limit, offset: int = Offset) -> Response:
    page = overview.organisations_index(site_of(request).snapshot, lang_of(request))
    return _entries(request, page, limit, offset)


@router.get(
    "/organisations/{slug:path}",
    response_model=records.OrganisationPage,
    summary="One organisation and what it took part in",
    responses={404: {"description": "no such organisation"}},
)
def organisation(request: Request, slug: str) -> Response:
    found = find_organisation(request, slug)
    return json_response(
        records.organisation_page(site_of(request).snapshot, found, lang_of(request))
    )


@router.get("/people", response_model=EntryListing, summary="People")
def people(request: Request, limit: int = Limit, offset: int = Offset) -> Response:
    page = overview.people_index(site_of(request).snapshot, lang_of(request))
    return _entries(request, page, limit, offset)


@router.get(
    "/people/{slug:path}",
    response_model=records.PersonPage,
    summary="One person and what they took part in",
    responses={404: {"description": "no such person"}},
)
def person(request: Request, slug: str) -> Response:
    found = find_person(request, slug)
    return json_response(records.person_page(site_of(request).snapshot, found, lang_of(request)))


@router.get("/countries", response_model=EntryListing, summary="Countries with initiatives")
def countries(request: Request, limit: int = Limit, offset: int = Offset) -> Response:
    page = overview.countries_index(site_of(request).snapshot, lang_of(request))
    return _entries(request, page, limit, offset)


@router.get(
    "/countries/{code}",
    response_model=records.CountryPage,
    summary="One country: its initiatives, organisations and people",
    responses={404: {"description": "not an ISO 3166-1 alpha-2 code"}},
)
def country(request: Request, code: str) -> Response:
    found = find_country(request, code)
    return json_response(records.country_page(site_of(request).snapshot, found, lang_of(request)))


@router.get("/stats", response_model=overview.StatsPage, summary="Counts and charts")
def stats(request: Request) -> Response:
    return json_response(overview.stats_page(site_of(request).snapshot, lang_of(request)))


@router.get("/quality", response_model=overview.QualityPage, summary="Data-quality reports")
def quality(request: Request) -> Response:
    return json_response(overview.quality_page(site_of(request).snapshot, lang_of(request)))


class SchemaResponse(JSONResponse):
    media_type = "application/schema+json"  # so the OpenAPI document says what is sent


@router.get(
    "/schema/interchange.json",
    summary="JSON Schema of the interchange format (sse-atlas/1)",
    response_class=SchemaResponse,
)
def schema_of_interchange() -> Response:
    """What ``sse-atlas export --format json`` writes and ``sse-atlas ingest`` accepts."""
    return SchemaResponse(interchange_schema())


@dataclass(frozen=True)
class Endpoint:
    path: str
    summary: str
    parameters: list[str]


@dataclass(frozen=True)
class ApiIndex:
    title: str
    version: str
    openapi: str
    docs: str
    endpoints: list[Endpoint]


def _endpoints() -> list[Endpoint]:
    """This router's endpoints, then the write API's."""
    return [
        Endpoint(
            route.path_format,
            route.summary or route.name,
            sorted(
                {param.alias for param in route.dependant.query_params}
                | set(COMMON_PARAMETERS)
                | (set(FACETS) if route.path == "/api/v1/search" else set())
            ),
        )
        for route in [*router.routes, *write_api.router.routes]
        if isinstance(route, APIRoute) and route.include_in_schema
    ]


@router.get("", response_model=ApiIndex, summary="This index of the endpoints")
def index(request: Request) -> Response:
    app = request.app
    index = ApiIndex(app.title, app.version, "/api/v1/openapi.json", "/api/v1/docs", _endpoints())
    return json_response(index)


@dataclass(frozen=True)
class ApiDocsPage:
    title: str
    openapi: str
    endpoints: list[Endpoint]


@router.get("/docs", include_in_schema=False)
def docs(request: Request) -> Response:
    """The endpoints and their parameters as a page; the OpenAPI document has the schemas."""
    title = lang_of(request).gettext("JSON API")
    context = ApiDocsPage(title, "/api/v1/openapi.json", _endpoints())
    return page(request, "api_docs.html", context, section="api")
