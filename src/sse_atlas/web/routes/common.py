"""What every route needs: the site, the interface language, and lookups that 404."""

from __future__ import annotations

from dataclasses import replace

from starlette.exceptions import HTTPException
from starlette.requests import Request

from sse_atlas.model import Catalogue, Initiative, Organisation, Person, Workshop
from sse_atlas.search.results import SearchResults
from sse_atlas.search.understand import KINDS
from sse_atlas.web import i18n, urls
from sse_atlas.web.contexts.common import Lang
from sse_atlas.web.contexts.records import is_country
from sse_atlas.web.contexts.steering import sorted_results
from sse_atlas.web.params import SearchParams
from sse_atlas.web.render import request_language, shorten
from sse_atlas.web.site import VIEW_KEY, Site, View


def site_of(request: Request) -> View:
    """The view of the knowledge base this request reads (one generation, for all of it)."""
    view = request.scope.get(VIEW_KEY)
    if not isinstance(view, View):  # not through the app's middleware: pin it now
        site: Site = request.app.state.site
        view = request.scope[VIEW_KEY] = site.current()
    return view


def live_site(request: Request) -> Site:
    """The app's :class:`Site`: the knowledge base to write to, and the view to refresh after."""
    site: Site = request.app.state.site
    return site


def lang_of(request: Request) -> Lang:
    code = request_language(request)
    return Lang(code=code, gettext=i18n.translations(code).gettext)


def not_found(request: Request, message: str, **values: str) -> HTTPException:
    """A 404 whose message is in the interface language (the values shown as given, cut short)."""
    shown = {key: shorten(value) for key, value in values.items()}
    return HTTPException(404, lang_of(request).gettext(message) % shown)


def search_params(request: Request) -> SearchParams:
    return SearchParams.parse(request.query_params.multi_items())


def run_search(request: Request, params: SearchParams, everything: bool = False) -> SearchResults:
    site = site_of(request)
    # literal=place: the person turned that reading of the query off
    literal = tuple(k for k in request.query_params.getlist("literal") if k in (*KINDS, "all"))
    query = replace(params.query(), literal=literal)
    if everything:
        return site.search_all(query)
    if params.sort == "relevance":
        return site.search(query)
    return sorted_results(site.search_all(query), params, site.snapshot, lang_of(request))


def find_initiative(request: Request, catalogue: str, code: str) -> Initiative:
    record_id = f"{catalogue}/{code}"
    found = site_of(request).snapshot.initiatives.get(record_id)
    if found is None:
        raise not_found(request, "There is no initiative %(id)s.", id=record_id)
    return found


def find_workshop(request: Request, catalogue: str, code: str) -> Workshop:
    record_id = f"{catalogue}/{code}"
    found = site_of(request).snapshot.workshops.get(record_id)
    if found is None:
        raise not_found(request, "There is no workshop %(id)s.", id=record_id)
    return found


def find_organisation(request: Request, slug: str) -> Organisation:
    found = site_of(request).snapshot.organisations.get(urls.organisation_id(slug))
    if found is None:
        raise not_found(request, "There is no organisation %(id)s.", id=slug)
    return found


def find_person(request: Request, slug: str) -> Person:
    found = site_of(request).snapshot.people.get(urls.person_id(slug))
    if found is None:
        raise not_found(request, "There is no person %(id)s.", id=slug)
    return found


def find_country(request: Request, code: str) -> str:
    if not is_country(code):
        raise not_found(request, "There is no country with the code %(id)s.", id=code)
    return code.upper()


def find_catalogue(request: Request, catalogue_id: str) -> Catalogue:
    found = site_of(request).snapshot.catalogue(catalogue_id)
    if found is None:
        raise not_found(request, "There is no catalogue %(id)s.", id=catalogue_id)
    return found
