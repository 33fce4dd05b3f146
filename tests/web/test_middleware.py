"""The middleware: HEAD on every page, Allow on 405, bounded addresses and echoes, the queue."""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable
from pathlib import Path

import anyio
import pytest
from fastapi import FastAPI
from fastapi.routing import iter_route_contexts
from fastapi.testclient import TestClient
from starlette.types import Message, Receive, Scope, Send

from sse_atlas.web import urls
from sse_atlas.web.assets import StaticAssets
from sse_atlas.web.middleware import GENERATION_HEADER, Gate, SiteMiddleware
from sse_atlas.web.render import static_root
from sse_atlas.web.settings import MAX_URL_BYTES, ServerSettings
from sse_atlas.web.site import VIEW_KEY, Site, View
from tests.web.conftest import run_async

# A value for each path parameter, so that every route can be called with one that exists.
PARAMETERS = {
    "catalogue": "gsef2018-fr",
    "name": "csv",
    "slug": "",
    "code": "",
    "kind": "initiatives",  # the curation pages of a record
    "key": "gsef2018-fr/4.2.1",
}
CODES = {"initiatives": "4.2.1", "workshops": "4.2", "countries": "fr"}
NEEDS_ACCOUNT = 401  # the write API's listings answer only a signed-in editor


def _sample(path: str, app: FastAPI) -> str:
    """The route's path with each parameter replaced by a value that exists in the seed."""
    site: Site = app.state.site
    slugs = {
        "organisations": urls.organisation(next(iter(site.snapshot.organisations))),
        "people": urls.person(next(iter(site.snapshot.people))),
    }
    parts = [*path.removeprefix("/api/v1").split("/"), "", ""]
    section = parts[2] if parts[1] == "calendar" else parts[1]

    def value(match: re.Match[str]) -> str:
        name = match.group(1).split(":")[0]
        if name == "code":
            return CODES[section]
        if name == "slug":
            return slugs[section].removeprefix(f"/{section}/")
        return PARAMETERS[name]

    sampled = re.sub(r"\{([^}]+)\}", value, path)
    if path == "/curation/entities":  # the page of one person, named in the query
        sampled += "?id=" + next(iter(site.snapshot.people))
    return sampled


def _get_routes(app: FastAPI) -> list[str]:
    """The path of every route answering GET, from the app's route table."""
    return [
        route.path
        for route in iter_route_contexts(app.routes)
        if route.path is not None and "GET" in (route.methods or set())
    ]


def test_middleware_route_table_sampled(app: FastAPI) -> None:
    paths = {_sample(path, app) for path in _get_routes(app)}
    assert {"/", "/initiatives/gsef2018-fr/4.2.1", "/api/v1/countries/fr"} <= paths


def test_middleware_head_on_every_get_route(app: FastAPI, client: TestClient) -> None:
    different = []
    for path in _get_routes(app):
        url = _sample(path, app)
        got = client.get(url, follow_redirects=False)
        head = client.head(url, follow_redirects=False)
        if (head.status_code, head.content, head.headers.get("content-type")) != (
            got.status_code,
            b"",
            got.headers.get("content-type"),
        ) or (got.status_code >= 400 and got.status_code != NEEDS_ACCOUNT):
            different.append((path, got.status_code, head.status_code, len(head.content)))
    assert different == []


def test_middleware_head_on_static_file(client: TestClient) -> None:
    head = client.head("/static/app.css")
    assert (head.status_code, head.content, head.headers["content-type"]) == (
        200,
        b"",
        "text/css; charset=utf-8",
    )


def test_middleware_every_405_says_what_is_allowed(app: FastAPI, client: TestClient) -> None:
    # DELETE: no route takes it, so every address that answers GET must refuse it and say what
    # it takes (a few also take POST or PATCH: the forms and the write API)
    urls = [_sample(path, app) for path in _get_routes(app)] + ["/static/app.css"]
    answers = {url: client.delete(url) for url in urls}
    wrong = [
        (url, r.status_code, r.headers.get("allow"))
        for url, r in answers.items()
        if r.status_code != 405
        or r.headers.get("allow") not in ("GET, HEAD", "GET, HEAD, POST", "GET, HEAD, PATCH")
    ]
    assert wrong == []


def test_middleware_long_address_refused(client: TestClient) -> None:
    response = client.get("/search-" + "x" * MAX_URL_BYTES)
    assert (response.status_code, response.text) == (
        414,
        f"The address is longer than {MAX_URL_BYTES} bytes.\n",
    )


def test_middleware_long_api_query_refused_as_json(client: TestClient) -> None:
    response = client.get("/api/v1/search", params={"q": "x" * MAX_URL_BYTES})
    assert (response.status_code, response.json()) == (
        414,
        {"error": {"status": 414, "message": f"The address is longer than {MAX_URL_BYTES} bytes."}},
    )


@pytest.mark.parametrize(
    "prefix", ["/initiatives/gsef2018-fr/", "/api/v1/initiatives/gsef2018-fr/"]
)
def test_middleware_error_does_not_echo_a_long_path(client: TestClient, prefix: str) -> None:
    response = client.get(prefix + "x" * 6000)
    assert (response.status_code, "x" * 100 in response.text, len(response.content) < 20_000) == (
        404,
        False,
        True,
    )


def test_middleware_answer_names_its_generation(app: FastAPI, client: TestClient) -> None:
    generation = app.state.site.current().generation
    answers = [client.get(url) for url in ("/", "/api/v1/stats", "/nowhere")]
    assert [r.headers.get(GENERATION_HEADER) for r in answers] == [str(generation)] * 3


# -- the queue, on a stand-in app that answers when told to ----------------------------------


Call = Callable[[str], Awaitable[tuple[int, dict[str, str], bytes]]]


def _gate(site: Site, settings: ServerSettings, release: anyio.Event) -> Call:
    async def held(scope: Scope, receive: Receive, send: Send) -> None:
        await release.wait()
        view = scope.get(VIEW_KEY)
        generation = view.generation if isinstance(view, View) else "-"
        body = f"{scope['method']} {generation}".encode()
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": body})

    gate = Gate(held, site, settings)

    async def call(request: str) -> tuple[int, dict[str, str], bytes]:
        method, path = request.split(" ")
        messages: list[Message] = []

        async def receive() -> Message:
            return {"type": "http.request", "body": b""}

        async def send(message: Message) -> None:
            messages.append(message)

        scope = {"type": "http", "method": method, "path": path, "headers": []}
        await gate(scope, receive, send)
        start, body = messages[0], messages[-1]
        headers = {k.decode(): v.decode() for k, v in start["headers"]}
        return start["status"], headers, body["body"]

    return call


def _run(
    site: Site, settings: ServerSettings, requests: list[str], released_after: float
) -> list[tuple[int, dict[str, str], bytes]]:
    """The requests started in order; the stand-in app answers after ``released_after`` s."""
    answers: dict[int, tuple[int, dict[str, str], bytes]] = {}

    async def main() -> None:
        release = anyio.Event()
        call = _gate(site, settings, release)

        async def one(index: int, request: str) -> None:
            answers[index] = await call(request)

        async with anyio.create_task_group() as group:
            for index, request in enumerate(requests):
                group.start_soon(one, index, request)
                await anyio.sleep(0.01)
            await anyio.sleep(released_after)
            release.set()

    run_async(main)
    return [answers[i] for i in range(len(requests))]


def test_gate_full_queue_answers_503_at_once(app: FastAPI) -> None:
    site: Site = app.state.site
    settings = ServerSettings(workers=1, queue=1, retry_after=7)
    answers = _run(site, settings, ["GET /", "GET /stats", "GET /map"], released_after=0.2)
    generation = str(site.current().generation)
    assert answers == [
        (200, {GENERATION_HEADER: generation}, f"GET {generation}".encode()),
        (200, {GENERATION_HEADER: generation}, f"GET {generation}".encode()),
        (
            503,
            {
                "content-type": "text/plain; charset=utf-8",
                "content-length": "43",
                "retry-after": "7",
                GENERATION_HEADER: generation,
            },
            b"The server is busy; try again in a moment.\n",
        ),
    ]


def test_gate_wait_too_long_answers_503(app: FastAPI) -> None:
    settings = ServerSettings(workers=1, queue=5, queue_wait=0.1)
    answers = _run(app.state.site, settings, ["GET /", "GET /api/v1/stats"], released_after=0.5)
    assert [(status, headers.get("retry-after")) for status, headers, _ in answers] == [
        (200, None),
        (503, "2"),
    ]


def test_site_middleware_answers_static_files_without_the_app(app: FastAPI) -> None:
    site: Site = app.state.site
    settings = ServerSettings(workers=1, queue=0)
    reached: list[str] = []
    gate = Gate(_never_answers, site, settings)

    async def pages(scope: Scope, receive: Receive, send: Send) -> None:
        reached.append(scope["path"])
        await gate(scope, receive, send)

    middleware = SiteMiddleware(pages, StaticAssets(Path(static_root())))

    async def main() -> list[int]:
        statuses: list[int] = []

        async def send(message: Message) -> None:
            if message["type"] == "http.response.start":
                statuses.append(message["status"])

        async def receive() -> Message:
            return {"type": "http.request", "body": b""}

        async with anyio.create_task_group() as group:
            page: Scope = {"type": "http", "method": "GET", "path": "/", "headers": []}
            group.start_soon(middleware, page, receive, send)  # holds the only worker
            await anyio.sleep(0.05)
            for path in ("/stats", "/static/app.css"):
                await middleware({**page, "path": path}, receive, send)
            group.cancel_scope.cancel()
        return statuses

    assert (run_async(main), reached) == ([503, 200], ["/", "/stats"])


async def _never_answers(scope: Scope, receive: Receive, send: Send) -> None:
    await anyio.sleep_forever()


def test_gate_head_answered_as_get_without_body(app: FastAPI) -> None:
    settings = ServerSettings(workers=1, queue=0)
    answers = _run(app.state.site, settings, ["HEAD /stats"], released_after=0)
    generation = str(app.state.site.current().generation)
    assert answers == [(200, {GENERATION_HEADER: generation}, b"")]


def test_gate_same_request_waits_for_the_answer_being_made(app: FastAPI) -> None:
    settings = ServerSettings(workers=1, queue=0)  # no room to wait for a worker
    answers = _run(app.state.site, settings, ["GET /stats"] * 3, released_after=0.1)
    generation = str(app.state.site.current().generation)
    assert answers == [(200, {GENERATION_HEADER: generation}, f"GET {generation}".encode())] * 3
