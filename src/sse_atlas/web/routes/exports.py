"""``/exports/{format}``: the knowledge base as a download, limited to the current search."""

from __future__ import annotations

import io
from dataclasses import replace

from fastapi import APIRouter
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response

from sse_atlas.exports import Exporter, exporter_for, is_binary
from sse_atlas.model import Dataset
from sse_atlas.web.routes.common import live_site, not_found, run_search, search_params, site_of

router = APIRouter(include_in_schema=False)


def subset(dataset: Dataset, initiatives: set[str], workshops: set[str]) -> Dataset:
    """The records a search found: its initiatives, their workshops (and the workshops it found
    themselves), and the organisations and people taking part in any of them."""
    catalogues = []
    kept_initiatives: set[str] = set()
    kept_workshops: set[str] = set()
    for catalogue in dataset.catalogues:
        chosen = [i for i in catalogue.initiatives if i.id in initiatives]
        codes = {i.workshop for i in chosen} | {
            w.code for w in catalogue.workshops if w.id in workshops
        }
        panels = [w for w in catalogue.workshops if w.code in codes]
        if chosen or panels:
            catalogues.append(replace(catalogue, initiatives=chosen, workshops=panels))
            kept_initiatives.update(i.id for i in chosen)
            kept_workshops.update(w.id for w in panels if w.id in workshops)

    def takes_part(initiative_ids: list[str], workshop_ids: list[str]) -> bool:
        return bool(kept_initiatives.intersection(initiative_ids)) or bool(
            kept_workshops.intersection(workshop_ids)
        )

    return Dataset(
        catalogues=catalogues,
        organisations=[o for o in dataset.organisations if takes_part(o.initiatives, o.workshops)],
        people=[p for p in dataset.people if takes_part(p.initiatives, p.workshops)],
    )


def _written(exporter: Exporter, dataset: Dataset) -> bytes:
    if is_binary(exporter):
        binary = io.BytesIO()
        exporter.write(binary, dataset)
        return binary.getvalue()
    text = io.StringIO()
    exporter.write(text, dataset)
    return text.getvalue().encode("utf-8")


@router.get("/exports/{name}")
def export(request: Request, name: str) -> Response:
    """``entity`` chooses the table of tabular formats, ``catalogue`` the programme of frab."""
    options: dict[str, object] = {
        key: value for key in ("entity", "catalogue") if (value := request.query_params.get(key))
    }
    if name == "changes":  # the change log is not a view of the search: always all of it
        log = live_site(request).kb.repository.curation
        options = {"changes": log.changes(), "rules": log.rules(live=False)}
    try:
        exporter = exporter_for(name, **options)
    except KeyError:
        raise not_found(request, "There is no export format %(id)s.", id=name) from None
    except ValueError as error:
        raise HTTPException(400, str(error)) from None
    params = search_params(request)
    dataset = site_of(request).dataset()  # the request's generation, like its search
    if params.text or params.filters:
        results = run_search(request, params, everything=True)
        initiatives = {h.id for h in results.hits if h.kind == "initiative"}
        workshops = {h.id for h in results.hits if h.kind == "workshop"}
        dataset = subset(dataset, initiatives, workshops)
    try:
        body = _written(exporter, dataset)
    except ValueError as error:  # a format that cannot hold this selection (a programme of none)
        raise HTTPException(400, str(error)) from None
    return Response(
        body,
        media_type=exporter.media_type,
        headers={"Content-Disposition": f'attachment; filename="sse-atlas.{exporter.extension}"'},
    )
