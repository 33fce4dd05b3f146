"""The HTML pages; each answers JSON too (``.json`` suffix or ``Accept: application/json``)."""

from __future__ import annotations

from fastapi import APIRouter
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from sse_atlas.search.results import SearchQuery
from sse_atlas.web import urls
from sse_atlas.web.contexts import overview, programme, records, search, steering
from sse_atlas.web.render import page, wants_json
from sse_atlas.web.routes.common import (
    find_catalogue,
    find_country,
    find_initiative,
    find_organisation,
    find_person,
    find_workshop,
    lang_of,
    not_found,
    run_search,
    search_params,
    site_of,
)

router = APIRouter(include_in_schema=False)
SIMILAR = 6


@router.get("/")
def home(request: Request) -> Response:
    params = search_params(request)
    results = run_search(request, params)
    if params.page > 1 and params.offset >= results.total:
        raise not_found(
            request, "There is no page %(page)s of these results.", page=str(params.page)
        )
    site, lang = site_of(request), lang_of(request)
    empty = None
    if results.total == 0:  # what to try instead: a spelling, frequent themes and countries
        everything = site.search(SearchQuery(limit=1))
        empty = steering.empty_help(everything, results, lang)
    context = search.search_page(site.snapshot, results, params, lang, empty)
    return page(request, "search.html", context, section="search", partial="_results.html")


@router.get("/initiatives/{catalogue}/{code}")
def initiative(request: Request, catalogue: str, code: str) -> Response:
    found = find_initiative(request, catalogue, code)
    site = site_of(request)
    context = records.initiative_page(
        site.snapshot, found, site.similar(found.id, SIMILAR), lang_of(request)
    )
    return page(request, "initiative.html", context, section="search")


@router.get("/workshops/{catalogue}/{code}")
def workshop(request: Request, catalogue: str, code: str) -> Response:
    found = find_workshop(request, catalogue, code)
    context = records.workshop_page(site_of(request).snapshot, found, lang_of(request))
    return page(request, "workshop.html", context, section="programme")


@router.get("/organisations")
def organisations(request: Request) -> Response:
    context = overview.organisations_index(site_of(request).snapshot, lang_of(request))
    return page(request, "index.html", context, section="organisations")


@router.get("/organisations/{slug:path}")
def organisation(request: Request, slug: str) -> Response:
    found = find_organisation(request, slug)
    context = records.organisation_page(site_of(request).snapshot, found, lang_of(request))
    return page(request, "organisation.html", context, section="organisations")


@router.get("/people")
def people(request: Request) -> Response:
    context = overview.people_index(site_of(request).snapshot, lang_of(request))
    return page(request, "index.html", context, section="people")


@router.get("/people/{slug:path}")
def person(request: Request, slug: str) -> Response:
    found = find_person(request, slug)
    context = records.person_page(site_of(request).snapshot, found, lang_of(request))
    return page(request, "person.html", context, section="people")


@router.get("/countries")
def countries(request: Request) -> Response:
    context = overview.countries_index(site_of(request).snapshot, lang_of(request))
    return page(request, "index.html", context, section="countries")


@router.get("/countries/{code}")
def country(request: Request, code: str) -> Response:
    found = find_country(request, code)
    if code != found.lower() and not wants_json(request):  # one URL per country
        return RedirectResponse(urls.country(found), status_code=301)
    context = records.country_page(site_of(request).snapshot, found, lang_of(request))
    return page(request, "country.html", context, section="countries")


@router.get("/programme")
def programme_index(request: Request) -> Response:
    catalogues = list(site_of(request).snapshot.catalogues)
    if not catalogues:
        raise not_found(request, "There is no catalogue yet.")
    return RedirectResponse(urls.programme(catalogues[0]), status_code=302)


@router.get("/programme/{catalogue}")
def programme_page(request: Request, catalogue: str) -> Response:
    found = find_catalogue(request, catalogue)
    context = programme.programme_page(site_of(request).snapshot, found, lang_of(request))
    return page(request, "programme.html", context, section="programme")


@router.get("/map")
def map_page(request: Request) -> Response:
    params = search_params(request)
    results = run_search(request, params, everything=True)
    context = search.map_page(site_of(request).snapshot, results, params, lang_of(request))
    return page(request, "map.html", context, section="map")


@router.get("/stats")
def stats(request: Request) -> Response:
    context = overview.stats_page(site_of(request).snapshot, lang_of(request))
    return page(request, "stats.html", context, section="stats")


@router.get("/quality")
def quality(request: Request) -> Response:
    context = overview.quality_page(site_of(request).snapshot, lang_of(request))
    return page(request, "quality.html", context, section="quality")


@router.get("/about")
def about(request: Request) -> Response:
    context = overview.about_page(site_of(request).snapshot, lang_of(request))
    return page(request, "about.html", context, section="about")
