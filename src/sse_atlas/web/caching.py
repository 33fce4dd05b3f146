"""HTTP caching: validators from the store's generation, and content-hashed static URLs.

A page or API answer depends only on the records (whose every write moves the store's
generation), the URL, the request headers it varies on and the app's version. So its ``ETag``
is made from those before the handler runs, and a conditional request whose tag still holds
is answered ``304 Not Modified`` without reading or rendering anything. ``Last-Modified`` is
when this process first saw the generation (workers may differ by the seconds between their
polls; the ``ETag`` is exact and takes precedence).

Static files are linked as ``/static/app.css?v=<hash of the file>``: such a URL never changes
content, so it is cached for a year; an upgrade links new hashes.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable
from email.utils import formatdate, parsedate_to_datetime
from functools import cache
from pathlib import Path
from typing import Final

from starlette.datastructures import Headers
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from sse_atlas import __version__

# The request headers a page's representation depends on (its Vary header), plus htmx's.
_KEYED_HEADERS: Final = (
    "accept",
    "accept-language",
    "cookie",
    "hx-request",
    "hx-history-restore-request",
    "origin",
)
# Pages and answers are revalidated on every use: cheap, thanks to the 304.
PAGE_CACHE_CONTROL: Final = b"no-cache"
IMMUTABLE: Final = b"public, max-age=31536000, immutable"
# A static URL without the current hash (an old page, a hand-typed link): an hour.
STATIC_SHORT: Final = b"public, max-age=3600"


@cache
def asset_hash(root: str, path: str) -> str:
    """The first 12 hex digits of the SHA-256 of a static file, read once per process."""
    try:
        data = (Path(root) / path).read_bytes()
    except OSError:
        return __version__  # a missing file 404s; its URL still changes with each release
    return hashlib.sha256(data).hexdigest()[:12]


def static_cache_control(root: str, path: str, query: str) -> bytes:
    """Cache-Control of ``/static/<path>?<query>``: for ever when ``v`` is the file's hash."""
    version = dict(
        part.partition("=")[::2] for part in query.split("&") if part.startswith("v=")
    ).get("v")
    return IMMUTABLE if version == asset_hash(root, path) else STATIC_SHORT


def entity_tag(generation: int, scope: Scope) -> str:
    """A weak tag: same generation, URL and keyed headers give the same page."""
    headers = Headers(scope=scope)
    key = [__version__, scope["path"], scope.get("query_string", b"").decode("latin-1")]
    key.extend(headers.get(name, "") for name in _KEYED_HEADERS)
    digest = hashlib.blake2b("\n".join(key).encode(), digest_size=12).hexdigest()
    return f'W/"{generation}-{digest}"'


def _tag_matches(header: str, tag: str) -> bool:
    """If-None-Match compares weakly: ``W/`` prefixes are ignored, ``*`` matches anything."""
    opaque = tag.removeprefix("W/")
    candidates = [part.strip() for part in header.split(",")]
    return any(c == "*" or c.removeprefix("W/") == opaque for c in candidates)


def _not_modified_since(header: str, modified: float) -> bool:
    try:
        since = parsedate_to_datetime(header).timestamp()
    except (TypeError, ValueError, IndexError, OverflowError):
        return False  # an unreadable date is ignored, as RFC 9110 says
    return int(modified) <= since


class GenerationClock:
    """When this process first saw each generation of the store (its Last-Modified)."""

    def __init__(self) -> None:
        self._generation: int | None = None
        self._seen = time.time()

    def modified(self, generation: int) -> float:
        if generation != self._generation:
            self._generation, self._seen = generation, time.time()
        return self._seen


class ConditionalMiddleware:
    """ETag and Last-Modified on every successful GET or HEAD outside ``/static``, and 304 to
    a conditional request they satisfy, decided before the handler runs."""

    def __init__(self, app: ASGIApp, generation: Callable[[Scope], int]) -> None:
        self.app = app
        self.generation = generation
        self.clock = GenerationClock()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if (
            scope["type"] != "http"
            or scope["method"] not in ("GET", "HEAD")
            or scope["path"].startswith("/static/")
        ):
            await self.app(scope, receive, send)
            return
        generation = self.generation(scope)  # the request's own view: no query
        tag = entity_tag(generation, scope)
        modified = self.clock.modified(generation)
        validators = [
            (b"etag", tag.encode()),
            (b"last-modified", formatdate(modified, usegmt=True).encode()),
        ]
        request = Headers(scope=scope)
        match = request.get("if-none-match")
        since = request.get("if-modified-since")
        if (match is not None and _tag_matches(match, tag)) or (
            match is None and since is not None and _not_modified_since(since, modified)
        ):
            headers = [*validators, (b"cache-control", PAGE_CACHE_CONTROL)]
            await send({"type": "http.response.start", "status": 304, "headers": headers})
            await send({"type": "http.response.body", "body": b""})
            return

        async def send_with_validators(message: Message) -> None:
            if message["type"] == "http.response.start" and message["status"] == 200:
                headers = list(message.get("headers", []))
                present = {name.lower() for name, _ in headers}
                # A response of its own kind (a cookie set, its own tag or cache rule) keeps it.
                if not present & {b"etag", b"set-cookie", b"cache-control"}:
                    headers.extend([*validators, (b"cache-control", PAGE_CACHE_CONTROL)])
                    message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, send_with_validators)
