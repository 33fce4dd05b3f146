"""Entity curation: merge two people or organisations, split a spelling off one, and the
enrichment's close calls for editors to review. Each decision is a rule every later
enrichment respects."""

from __future__ import annotations

import threading

from fastapi import APIRouter
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from sse_atlas.enrich.entities import Candidate
from sse_atlas.model import Organisation, Person
from sse_atlas.store import StoreError
from sse_atlas.store.curation_types import NotFoundError
from sse_atlas.web import csrf
from sse_atlas.web.contexts import curation as views
from sse_atlas.web.routes.common import lang_of, live_site, site_of
from sse_atlas.web.routes.curation import answer, read_form, require, viewer

router = APIRouter(include_in_schema=False)
_LOCK = threading.Lock()


def candidates_of(request: Request) -> list[views.CandidateView]:
    """The close calls, computed again only when the store changed (it takes a second)."""
    kb = live_site(request).kb
    generation = kb.repository.generation()
    with _LOCK:
        cached: tuple[int, list[Candidate]] | None = getattr(
            request.app.state, "entity_candidates", None
        )
        if cached is None or cached[0] != generation:
            cached = (generation, kb.curation.candidates())
            request.app.state.entity_candidates = cached
    return [
        views.CandidateView(
            views.entity_ref(c.first, c.names[0]), views.entity_ref(c.second, c.names[1]), c.score
        )
        for c in cached[1]
    ]


def _entity(request: Request, entity_id: str) -> Organisation | Person:
    snapshot = site_of(request).snapshot
    found = snapshot.people.get(entity_id) or snapshot.organisations.get(entity_id)
    if found is None:
        raise HTTPException(404, f"there is no organisation or person {entity_id!r}")
    return found


def _page(request: Request, entity: Organisation | Person, error: str | None) -> views.EntityPage:
    store = live_site(request).kb.repository.curation
    names = {entity.name, *entity.aliases}
    rules = [
        views.rule_view(r)
        for r in reversed(store.rules(live=False))
        if r.first_name in names or r.second_name in names
    ]
    close = [c for c in candidates_of(request) if entity.id in (c.first.id, c.second.id)]
    title = lang_of(request).gettext("Merge or split %(name)s") % {"name": entity.name}
    return views.EntityPage(
        title,
        views.entity_ref(entity.id, entity.name),
        list(entity.aliases),
        rules,
        close,
        csrf.token(request),
        error,
        viewer(request),
    )


@router.get("/curation/entities")
async def entity_page(request: Request) -> Response:
    entity = _entity(request, request.query_params.get("id", ""))
    return answer(request, "curation/entity.html", _page(request, entity, None))


@router.post("/curation/entities/{action}")
async def decide(request: Request, action: str) -> Response:
    form = await read_form(request)
    user = require(request, "merge")
    entity = _entity(request, form.get("id", ""))
    curation = live_site(request).kb.curation
    reason = form.get("reason", "")
    try:
        if action == "merge":
            other = form.get("other", "").strip()
            curation.merge(entity.id, other, author=user.name, reason=reason)
        elif action == "split":
            curation.split(entity.id, form.get("name", ""), author=user.name, reason=reason)
        else:
            raise HTTPException(404, "merge or split")
    except NotFoundError as problem:
        return answer(request, "curation/entity.html", _page(request, entity, str(problem)), 404)
    except StoreError as problem:
        return answer(request, "curation/entity.html", _page(request, entity, str(problem)), 422)
    kept = live_site(request).refresh().snapshot
    # after a merge the entity may carry the other's id: follow the name
    everyone: list[Organisation | Person] = [*kept.people.values(), *kept.organisations.values()]
    survivor = next((e for e in everyone if entity.name in (e.name, *e.aliases)), None)
    target = views.entity_ref(survivor.id, survivor.name).curate_url if survivor else "/curation"
    return RedirectResponse(target, status_code=303)
