"""The web app: ``create_app(kb)`` gives an ASGI application over a knowledge base."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Final

from fastapi import FastAPI
from fastapi.exceptions import RequestValidationError
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.middleware.cors import CORSMiddleware
from starlette.middleware.gzip import GZipMiddleware
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import Match

from sse_atlas import __version__
from sse_atlas.kb import KnowledgeBase
from sse_atlas.web import i18n, urls
from sse_atlas.web.assets import StaticAssets
from sse_atlas.web.auth import Guard
from sse_atlas.web.caching import ConditionalMiddleware
from sse_atlas.web.middleware import Gate, SiteMiddleware, is_api
from sse_atlas.web.render import Templates, json_response, page, shorten, static_root
from sse_atlas.web.routes import api, calendar, curation, entities, exports, pages, write_api
from sse_atlas.web.settings import ServerSettings
from sse_atlas.web.site import Site, view_generation

MESSAGE_LIMIT: Final = 300  # characters of an error message shown
METHODS: Final = ("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS")


def _methods_of(request: Request) -> set[str]:
    """Every method some route answers at this path (Starlette names only the last route's)."""
    routes = request.app.router.routes
    return {
        method
        for method in METHODS
        if any(
            route.matches({**request.scope, "method": method})[0] is Match.FULL for route in routes
        )
    }


def _error_headers(request: Request, error: HTTPException) -> dict[str, str]:
    """The exception's headers; every page answers ``HEAD`` where it answers ``GET``."""
    headers = dict(error.headers or {})
    allowed = {m.strip() for m in headers.pop("Allow", "").split(",") if m.strip()}
    if error.status_code == 405:
        allowed |= _methods_of(request)
    if allowed:
        if "GET" in allowed:
            allowed.add("HEAD")
        order = {method: index for index, method in enumerate(METHODS)}
        headers["Allow"] = ", ".join(sorted(allowed, key=lambda m: (order.get(m, 99), m)))
    return headers


async def _http_error(request: Request, error: Exception) -> Response:
    assert isinstance(error, HTTPException)
    status = error.status_code
    detail = shorten(str(error.detail), MESSAGE_LIMIT)
    response: Response
    if is_api(request.url.path):
        response = json_response({"error": {"status": status, "message": detail}}, status)
    else:
        context = {"title": str(status), "status": status, "message": detail}
        # rendering takes the event loop's time: a thread does it, as for every page
        response = await run_in_threadpool(
            page, request, "error.html", context, section="error", status=status
        )
    response.headers.update(_error_headers(request, error))
    return response


async def _server_error(request: Request, error: Exception) -> Response:
    """A page that says so (the error itself goes to the server's log)."""
    message = "The server could not answer this request."
    if is_api(request.url.path):
        return json_response({"error": {"status": 500, "message": message}}, 500)
    try:
        context = {"title": "500", "status": 500, "message": message}
        return page(request, "error.html", context, section="error", status=500)
    except Exception:  # the page itself failed: answer in plain text
        return PlainTextResponse(message, status_code=500)


async def _validation_error(request: Request, error: Exception) -> Response:
    assert isinstance(error, RequestValidationError)
    problems = [
        {"where": ".".join(str(part) for part in item.get("loc", ())), "message": item.get("msg")}
        for item in error.errors()
    ]
    body = {"error": {"status": 422, "message": "invalid parameters", "problems": problems}}
    return json_response(body, 422)


def create_app(kb: KnowledgeBase, settings: ServerSettings | None = None) -> FastAPI:
    """The web app over ``kb``, following its store (see :class:`Site`); ``settings`` default
    to the environment's (see :class:`ServerSettings`)."""
    settings = ServerSettings.from_environment() if settings is None else settings
    _limit_blas(settings.blas_threads)
    app = FastAPI(
        title="SSE Atlas",
        version=__version__,
        description="Read-only JSON API of the SSE Atlas knowledge base.",
        openapi_url="/api/v1/openapi.json",
        docs_url=None,  # the interactive pages load scripts from a CDN
        redoc_url=None,
    )
    site = Site(kb, check_every=settings.check_every)
    app.state.site = site
    app.state.settings = settings
    app.state.templates = Templates()
    catalogues = list(site.snapshot.catalogues)
    app.state.programme_url = urls.programme(catalogues[0]) if catalogues else "/programme"
    for language in i18n.LANGUAGES:
        i18n.translations(language)  # a broken catalogue fails here, not on a visitor's page
    app.state.guard = Guard.create(kb.repository.curation)
    app.include_router(write_api.router)
    app.include_router(curation.router)
    app.include_router(entities.router)
    app.include_router(api.router)
    app.include_router(exports.router)
    app.include_router(calendar.router)
    app.include_router(pages.router)
    app.add_exception_handler(HTTPException, _http_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(Exception, _server_error)
    # validators from the generation of the request's view (see Gate), never a query of its own
    app.add_middleware(ConditionalMiddleware, generation=view_generation)
    app.add_middleware(GZipMiddleware, minimum_size=1024, compresslevel=5)  # on the event loop
    app.add_middleware(
        CORSMiddleware,
        allow_origins=["*"],
        allow_methods=["GET", "HEAD", "OPTIONS"],
        allow_headers=["Accept", "Accept-Language", "Content-Type"],
    )
    app.add_middleware(Gate, site=site, settings=settings)
    app.add_middleware(SiteMiddleware, assets=StaticAssets(Path(static_root())))
    return app


def app_from_environment() -> FastAPI:
    """The app of one of several server processes (``sse-atlas serve --workers N``): each opens
    the store named by ``$SSE_ATLAS_DB`` (else the built-in one) and builds its own view."""
    return create_app(KnowledgeBase.open())


def serve(
    kb: KnowledgeBase,
    host: str = "127.0.0.1",
    port: int = 8000,
    settings: ServerSettings | None = None,
) -> None:
    """Serve the web app over ``kb`` until interrupted."""
    import uvicorn

    app = create_app(kb, settings)  # reads the store and builds the search index first
    sys.stderr.write(f"sse-atlas: {kb.location} on http://{host}:{port}/\n")
    uvicorn.run(app, host=host, port=port, log_level="warning")
    app.state.site.close()


def _limit_blas(threads: int) -> None:
    """BLAS threads of this process, when set (by default the library's own: measured faster
    than one, see docs/configuration.md)."""
    if threads:
        from threadpoolctl import threadpool_limits

        threadpool_limits(limits={"blas": threads})
