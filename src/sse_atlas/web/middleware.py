"""What wraps every request: headers, the ``.json`` suffix, ``HEAD``, and a bounded queue.

:class:`SiteMiddleware` is outermost: security headers, a limit on the length of the request
target, and the ``.json`` suffix. Inside it, :class:`Gate` pins the request to the site's current
view (answering with its generation in ``X-Atlas-Generation``), answers ``HEAD`` on every page,
answers again what it kept for this generation (see :mod:`sse_atlas.web.cache`), and lets at
most ``workers`` requests run at once (each route runs in a thread): up to ``queue`` more wait,
at most ``queue_wait`` seconds, and the rest get 503 with ``Retry-After`` at once.
A request whose reads find the store at a newer generation is answered again from the view
of that generation (nothing was sent yet), or 503 when that view is not open within
``queue_wait`` seconds. Static files never reach the gate:
:class:`SiteMiddleware` answers them from memory.
"""

from __future__ import annotations

import asyncio
import json
import weakref
from dataclasses import dataclass, field
from typing import Final

import anyio
from anyio import to_thread
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from sse_atlas.store.reads import GenerationMoved
from sse_atlas.web.assets import StaticAssets
from sse_atlas.web.cache import Key, ResponseCache, cache_key, replay
from sse_atlas.web.caching import static_cache_control
from sse_atlas.web.render import JSON_FLAG, static_root
from sse_atlas.web.settings import MAX_URL_BYTES, ServerSettings
from sse_atlas.web.site import VIEW_KEY, Site, View, ViewOpening

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
GENERATION_HEADER: Final = "x-atlas-generation"
STATIC: Final = "/static/"
# answers of one request: a write landing meanwhile makes it start again from the new view
ATTEMPTS: Final = 5
_NO_SUFFIX: Final = (STATIC, "/api/")


def is_api(path: str) -> bool:
    return path.startswith("/api/")


async def answer(
    scope: Scope, send: Send, status: int, message: str, headers: list[tuple[bytes, bytes]]
) -> None:
    """A short error answered by the middleware itself: JSON under ``/api/``, else text."""
    if is_api(scope["path"]):
        body = json.dumps({"error": {"status": status, "message": message}}).encode()
        kind = b"application/json"
    else:
        body = f"{message}\n".encode()
        kind = b"text/plain; charset=utf-8"
    start_headers = [
        (b"content-type", kind),
        (b"content-length", str(len(body)).encode()),
        *headers,
    ]
    await send({"type": "http.response.start", "status": status, "headers": start_headers})
    await send({"type": "http.response.body", "body": b"" if scope["method"] == "HEAD" else body})


class SiteMiddleware:
    """Security headers on every response; a ``.json`` suffix asks for a page's JSON twin."""

    def __init__(self, app: ASGIApp, assets: StaticAssets) -> None:
        self.app = app
        self.assets = assets

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path: str = scope["path"]
        extra = list(SECURITY_HEADERS)
        if path.startswith(STATIC):
            # a URL carrying the file's hash is cached for ever (see web/caching.py)
            query = scope.get("query_string", b"").decode("latin-1")
            rule = static_cache_control(static_root(), path.removeprefix(STATIC), query)
            extra.append((b"cache-control", rule))

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                present = {name.lower() for name, _ in headers}
                headers.extend(h for h in extra if h[0] not in present)
                message = {**message, "headers": headers}
            await send(message)

        target = len(scope.get("raw_path") or path.encode()) + len(scope.get("query_string", b""))
        if target > MAX_URL_BYTES:
            message = f"The address is longer than {MAX_URL_BYTES} bytes."
            await answer(scope, send_with_headers, 414, message, [])
            return
        if path.startswith(STATIC):  # answered from memory, beside the queue of pages
            await self.assets(scope, receive, send_with_headers)
            return
        if path.endswith(".json") and not path.startswith(_NO_SUFFIX):
            stripped = path.removesuffix(".json")
            path = "/" if stripped in ("", "/index", "/") else stripped
            scope = {**scope, "path": path, "raw_path": path.encode(), JSON_FLAG: True}
        await self.app(scope, receive, send_with_headers)


@dataclass
class _Queue:
    """The requests of one event loop: who runs, and how many wait."""

    slots: anyio.Semaphore
    waiting: int = 0
    # answers being made: the same request again waits for the first one's answer
    making: dict[Key, anyio.Event] = field(default_factory=dict)


class Gate:
    """One view per request, ``HEAD`` as ``GET`` without a body, kept answers, a bounded queue."""

    def __init__(self, app: ASGIApp, site: Site, settings: ServerSettings) -> None:
        self.app = app
        self.site = site
        self.settings = settings
        capacity = settings.cache_mb * 1024 * 1024
        self.cache = ResponseCache(capacity) if capacity else None
        # anyio primitives belong to one event loop; a test client may start several in turn
        self._queues: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, _Queue] = (
            weakref.WeakKeyDictionary()
        )

    def _queue(self) -> _Queue:
        loop = asyncio.get_running_loop()
        queue = self._queues.get(loop)
        if queue is None:
            queue = self._queues[loop] = _Queue(anyio.Semaphore(self.settings.workers))
        return queue

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        reading = scope["method"] in ("GET", "HEAD")
        # a write starts from the newest view: what it reads before writing is current
        view = self.site.current() if reading else await to_thread.run_sync(self.site.refresh)
        for _ in range(ATTEMPTS):
            started = False

            async def tracked(message: Message) -> None:
                nonlocal started
                started = started or message["type"] == "http.response.start"
                await send(message)

            try:
                await self._answer(scope, receive, tracked, view)
                return
            except GenerationMoved:
                if started:
                    raise
                if not reading:  # never run a write twice
                    break
            # the store moved on while this request read it: answer again from the new view
            try:
                view = await to_thread.run_sync(self.site.after, view, self.settings.queue_wait)
            except ViewOpening:
                break
        message = "The knowledge base is being updated; try again in a moment."
        retry = str(self.settings.retry_after).encode()
        await answer(scope, send, 503, message, [(b"retry-after", retry)])

    async def _answer(self, scope: Scope, receive: Receive, send: Send, view: View) -> None:
        """The request answered from ``view``: every read of it at that one generation."""
        head = scope["method"] == "HEAD"
        scope = {**scope, VIEW_KEY: view, "method": "GET" if head else scope["method"]}
        send = _answering(send, view.generation, head)
        key = cache_key(scope, view.generation) if self.cache else None
        kept = self.cache.get(key) if self.cache and key else None
        if kept is not None:  # answered on the event loop: no worker, no queue
            await replay(kept, send)
            return
        queue = self._queue()
        if key is None:
            await self._queued(queue, scope, receive, send)
            return
        making = queue.making.get(key)
        if making is not None:  # the same request is being answered: wait and replay that
            with anyio.move_on_after(self.settings.queue_wait):
                await making.wait()
            kept = self.cache.get(key) if self.cache else None
            if kept is not None:
                await replay(kept, send)
                return
        making = queue.making[key] = anyio.Event()
        try:
            await self._queued(queue, scope, receive, send, key)
        finally:
            if queue.making.get(key) is making:
                del queue.making[key]
            making.set()

    async def _queued(
        self, queue: _Queue, scope: Scope, receive: Receive, send: Send, key: Key | None = None
    ) -> None:
        """The request answered by the app once a worker is free, or 503 when none comes."""
        if queue.slots.value == 0 and queue.waiting >= self.settings.queue:
            await self._busy(scope, send)
            return
        queue.waiting += 1
        try:
            with anyio.move_on_after(self.settings.queue_wait) as waited:
                await queue.slots.acquire()
        finally:
            queue.waiting -= 1
        if waited.cancelled_caught:
            await self._busy(scope, send)
            return
        try:
            if self.cache and key:
                send = self.cache.recorder(key, send)
            await self.app(scope, receive, send)
        finally:
            queue.slots.release()

    async def _busy(self, scope: Scope, send: Send) -> None:
        retry = str(self.settings.retry_after).encode()
        message = "The server is busy; try again in a moment."
        await answer(scope, send, 503, message, [(b"retry-after", retry)])


def _answering(send: Send, generation: int, head: bool) -> Send:
    """``send`` with the generation in a header, and no body when the request was ``HEAD``."""
    header = (GENERATION_HEADER.encode(), str(generation).encode())

    async def send_view(message: Message) -> None:
        if message["type"] == "http.response.start":
            message = {**message, "headers": [*message.get("headers", []), header]}
        elif head and message["type"] == "http.response.body":
            message = {**message, "body": b""}
        await send(message)

    return send_view
