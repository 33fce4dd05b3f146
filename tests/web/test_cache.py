"""Answers kept for a generation: replayed without work, keyed on what they vary with."""

from __future__ import annotations

from fastapi import FastAPI
from starlette.types import Message, Receive, Scope, Send

from sse_atlas.web.cache import Kept, ResponseCache, cache_key
from sse_atlas.web.middleware import GENERATION_HEADER, Gate
from sse_atlas.web.settings import ServerSettings
from sse_atlas.web.site import Site
from tests.web.conftest import run_async

Answer = tuple[int, dict[str, str], bytes]


Request = tuple[str, str, dict[str, str]]


def _requests(site: Site, requests: list[Request]) -> tuple[list[Answer], list[str]]:
    """The requests through a gate over a stand-in app; the answers and what the app saw."""
    seen: list[str] = []

    async def app(scope: Scope, receive: Receive, send: Send) -> None:
        seen.append(f"{scope['method']} {scope['path']}")
        status = 404 if scope["path"] == "/missing" else 200
        headers = [(b"content-type", b"text/plain")]
        if scope["path"] == "/cookie":
            headers.append((b"set-cookie", b"lang=fr"))
        await send({"type": "http.response.start", "status": status, "headers": headers})
        await send({"type": "http.response.body", "body": b"part one, ", "more_body": True})
        await send({"type": "http.response.body", "body": b"part two"})

    gate = Gate(app, site, ServerSettings())
    messages: list[Message] = []

    async def receive() -> Message:
        return {"type": "http.request", "body": b""}

    async def send(message: Message) -> None:
        messages.append(message)

    async def main() -> list[Answer]:
        answers = []
        for method, path, headers in requests:
            messages.clear()
            raw = [(k.encode(), v.encode()) for k, v in headers.items()]
            scope = {"type": "http", "method": method, "path": path, "headers": raw}
            await gate(scope, receive, send)
            body = b"".join(m.get("body", b"") for m in messages[1:])
            names = {k.decode(): v.decode() for k, v in messages[0]["headers"]}
            answers.append((messages[0]["status"], names, body))
        return answers

    return run_async(main), seen


def test_cache_second_request_answered_without_the_app(app: FastAPI) -> None:
    site: Site = app.state.site
    answers, seen = _requests(
        site, [("GET", "/stats", {}), ("GET", "/stats", {}), ("HEAD", "/stats", {})]
    )
    generation = str(site.current().generation)
    kept = {"content-type": "text/plain", GENERATION_HEADER: generation}
    assert (answers, seen) == (
        [(200, kept, b"part one, part two"), (200, kept, b"part one, part two"), (200, kept, b"")],
        ["GET /stats"],
    )


def test_cache_keyed_on_the_headers_answers_vary_with(app: FastAPI) -> None:
    requests: list[Request] = [
        ("GET", "/", {"accept": "application/json"}),
        ("GET", "/", {"accept": "text/html"}),
        ("GET", "/", {"accept": "text/html", "accept-language": "es"}),
        ("GET", "/", {"accept": "text/html", "accept-encoding": "gzip"}),
        ("GET", "/", {"accept": "text/html", "hx-request": "true"}),
        ("GET", "/", {"accept": "text/html", "user-agent": "another"}),  # not a difference
    ]
    _, seen = _requests(app.state.site, requests)
    assert seen == ["GET /"] * 5


def test_cache_keeps_no_error_and_no_cookie(app: FastAPI) -> None:
    requests: list[Request] = [
        ("GET", "/missing", {}),
        ("GET", "/missing", {}),
        ("GET", "/cookie", {}),
        ("GET", "/cookie", {}),
    ]
    _, seen = _requests(app.state.site, requests)
    assert seen == ["GET /missing", "GET /missing", "GET /cookie", "GET /cookie"]


def _kept(size: int) -> Kept:
    return Kept(200, [], b"x" * (size - 200))


def test_cache_drops_least_recently_used_beyond_capacity() -> None:
    cache = ResponseCache(8000)  # eight answers of 1000 bytes
    keys = [(1, f"/{n}", b"", False, ()) for n in range(9)]
    for key in keys[:8]:
        cache.put(key, _kept(1000))
    cache.get(keys[0])  # used again: the oldest is now keys[1]
    cache.put(keys[8], _kept(1000))
    assert [n for n, key in enumerate(keys) if cache.get(key) is None] == [1]


def test_cache_keeps_no_answer_over_an_eighth_of_it() -> None:
    cache = ResponseCache(8000)
    cache.put((1, "/", b"", False, ()), _kept(1001))
    assert cache.get((1, "/", b"", False, ())) is None


def test_cache_new_generation_drops_the_old_answers() -> None:
    cache = ResponseCache(8000)
    old, new = (1, "/", b"", False, ()), (2, "/", b"", False, ())
    cache.put(old, _kept(500))
    cache.put(new, _kept(500))
    assert (cache.get(old), cache.get(new)) == (None, _kept(500))


def test_cache_key_none_for_a_write() -> None:
    scope = {"type": "http", "method": "POST", "path": "/", "headers": []}
    assert cache_key(scope, 1) is None


def test_cache_key_none_for_a_conditional_request() -> None:
    scope = {"type": "http", "method": "GET", "path": "/", "headers": [(b"if-none-match", b"*")]}
    assert cache_key(scope, 1) is None
