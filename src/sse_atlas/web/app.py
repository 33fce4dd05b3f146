"""The web app: ``create_app(kb)`` gives an ASGI application over a knowledge base."""

from __future__ import annotations

import sys
from typing import Final

from fastapi import FastAPI
from fastapi.exceptions import RequestValidationError
from starlette.exceptions import HTTPException
from starlette.middleware.cors import CORSMiddleware
from starlette.middleware.gzip import GZipMiddleware
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.staticfiles import StaticFiles
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from sse_atlas import __version__
from sse_atlas.kb import KnowledgeBase
from sse_atlas.search.results import SearchQuery
from sse_atlas.web import i18n, urls
from sse_atlas.web.auth import Guard
from sse_atlas.web.caching import ConditionalMiddleware, static_cache_control
from sse_atlas.web.render import JSON_FLAG, Templates, json_response, page, static_root
from sse_atlas.web.routes import api, calendar, curation, entities, exports, pages, write_api
from sse_atlas.web.site import Site

# Scripts and styles come only from the app itself (no inline code, no event-handler
# attributes); maps draw country outlines shipped with the app, so nothing else is fetched.
CONTENT_SECURITY_POLICY: Final = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; "
    "form-action 'self'; frame-ancestors 'none'"
)
SECURITY_HEADERS: Final = [
    (b"content-security-policy", CONTENT_SECURITY_POLICY.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"same-origin"),
    (b"x-frame-options", b"DENY"),
]
_NO_SUFFIX: Final = ("/static/", "/api/")


class SiteMiddleware:
    """Security headers on every response; a ``.json`` suffix asks for a page's JSON twin."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path: str = scope["path"]
        extra = list(SECURITY_HEADERS)
        if path.startswith("/static/"):
            # a URL carrying the file's hash is cached for ever (see web/caching.py)
            query = scope.get("query_string", b"").decode("latin-1")
            rule = static_cache_control(static_root(), path.removeprefix("/static/"), query)
            extra.append((b"cache-control", rule))
        if path.endswith(".json") and not path.startswith(_NO_SUFFIX):
            stripped = path.removesuffix(".json")
            path = "/" if stripped in ("", "/index", "/") else stripped
            scope = {**scope, "path": path, "raw_path": path.encode(), JSON_FLAG: True}

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                present = {name for name, _ in headers}
                headers.extend(h for h in extra if h[0] not in present)
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, send_with_headers)


def _is_api(request: Request) -> bool:
    return request.url.path.startswith("/api/")


async def _http_error(request: Request, error: Exception) -> Response:
    assert isinstance(error, HTTPException)
    detail = str(error.detail)
    if _is_api(request):
        return json_response(
            {"error": {"status": error.status_code, "message": detail}}, error.status_code
        )
    context = {"title": str(error.status_code), "status": error.status_code, "message": detail}
    return page(request, "error.html", context, section="error", status=error.status_code)


async def _server_error(request: Request, error: Exception) -> Response:
    """A page that says so (the error itself goes to the server's log)."""
    message = "The server could not answer this request."
    if _is_api(request):
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


def create_app(kb: KnowledgeBase) -> FastAPI:
    """The web app over ``kb``, read once when the app is made (see :meth:`Site.refresh`)."""
    app = FastAPI(
        title="SSE Atlas",
        version=__version__,
        description="Read-only JSON API of the SSE Atlas knowledge base.",
        openapi_url="/api/v1/openapi.json",
        docs_url=None,  # the interactive pages load scripts from a CDN
        redoc_url=None,
    )
    site = Site(kb)
    app.state.site = site
    app.state.templates = Templates()
    catalogues = list(site.snapshot.catalogues)
    app.state.programme_url = urls.programme(catalogues[0]) if catalogues else "/programme"
    for language in i18n.LANGUAGES:
        i18n.translations(language)  # a broken catalogue fails here, not on a visitor's page
    app.mount("/static", StaticFiles(directory=static_root()), name="static")
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
    app.add_middleware(ConditionalMiddleware, generation=kb.repository.generation)
    app.add_middleware(GZipMiddleware, minimum_size=1024)
    app.add_middleware(
        CORSMiddleware,
        allow_origins=["*"],
        allow_methods=["GET", "HEAD", "OPTIONS"],
        allow_headers=["Accept", "Accept-Language", "Content-Type"],
    )
    app.add_middleware(SiteMiddleware)
    return app


def app_from_environment() -> FastAPI:
    """The app of one of several server processes (``sse-atlas serve --workers N``): each opens
    the store named by ``$SSE_ATLAS_DB`` (else the built-in one) and builds its own index."""
    kb = KnowledgeBase.open()
    kb.search(SearchQuery(limit=1))
    return create_app(kb)


def serve(kb: KnowledgeBase, host: str = "127.0.0.1", port: int = 8000) -> None:
    """Serve the web app over ``kb`` until interrupted (``sse-atlas serve``)."""
    import uvicorn

    kb.search(SearchQuery(limit=1))  # builds the search index before the first visitor comes
    app = create_app(kb)
    sys.stderr.write(f"sse-atlas: {kb.location} on http://{host}:{port}/\n")
    uvicorn.run(app, host=host, port=port, log_level="warning")
