"""Answers kept for the current generation: a view never changes, so neither do its pages.

The gate looks a ``GET`` or ``HEAD`` up here before it queues the request; a hit is answered on
the event loop at once, without a worker; the same request arriving while an answer is being
made waits for it (see the gate). An answer is kept when it is a 200 without a cookie,
and the key holds everything the answer may depend on: the generation, path and query, the
``.json`` suffix, and the request headers the app's answers vary on. When the generation moves,
everything kept is dropped. The cache is bounded in bytes, least recently used first out.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import dataclass
from typing import Final

from starlette.types import Message, Scope, Send

from sse_atlas.web.render import JSON_FLAG

# request headers an answer may depend on (the pages' Vary, gzip, and CORS's Origin)
VARY: Final = (
    b"accept",
    b"accept-encoding",
    b"accept-language",
    b"cookie",
    b"hx-request",
    b"hx-history-restore-request",
    b"origin",
)
CONDITIONAL: Final = frozenset({b"if-none-match", b"if-modified-since"})
Key = tuple[object, ...]


@dataclass(frozen=True)
class Kept:
    status: int
    headers: list[tuple[bytes, bytes]]
    body: bytes

    @property
    def size(self) -> int:
        return len(self.body) + sum(len(k) + len(v) for k, v in self.headers) + 200


def cache_key(scope: Scope, generation: int) -> Key | None:
    """What identifies an answer; None for a request whose answer is not kept."""
    if scope["method"] not in ("GET", "HEAD"):
        return None
    names = {name for name, _ in scope.get("headers", [])}
    if names & CONDITIONAL:  # answered 304 by the validators' middleware, never replayed 200
        return None
    headers = {name: value for name, value in scope.get("headers", []) if name in VARY}
    return (
        generation,
        scope["path"],
        scope.get("query_string", b""),
        bool(scope.get(JSON_FLAG)),
        tuple(headers.get(name, b"") for name in VARY),
    )


class ResponseCache:
    """At most ``capacity`` bytes of answers of one generation."""

    def __init__(self, capacity: int) -> None:
        self.capacity = capacity
        self.entry_limit = capacity // 8  # no single answer takes the whole cache
        self._entries: OrderedDict[Key, Kept] = OrderedDict()
        self._used = 0
        self._generation: object = None
        self._lock = threading.Lock()  # test clients may run event loops in several threads

    def get(self, key: Key) -> Kept | None:
        with self._lock:
            found = self._entries.get(key)
            if found is not None:
                self._entries.move_to_end(key)
            return found

    def put(self, key: Key, kept: Kept) -> None:
        if kept.size > self.entry_limit:
            return
        with self._lock:
            if key[0] != self._generation:  # a new generation: nothing kept is current
                self._entries.clear()
                self._used = 0
                self._generation = key[0]
            previous = self._entries.pop(key, None)
            self._used -= previous.size if previous else 0
            self._entries[key] = kept
            self._used += kept.size
            while self._used > self.capacity:
                _, dropped = self._entries.popitem(last=False)
                self._used -= dropped.size

    def recorder(self, key: Key, send: Send) -> Send:
        """``send``, keeping a copy of the answer when it may be kept."""
        parts: list[bytes] = []
        headers: list[tuple[bytes, bytes]] | None = None  # set while the answer may be kept

        async def record(message: Message) -> None:
            nonlocal headers
            await send(message)
            if message["type"] == "http.response.start":
                given = list(message.get("headers", []))
                if message["status"] == 200 and all(k != b"set-cookie" for k, _ in given):
                    headers = given
            elif message["type"] == "http.response.body" and headers is not None:
                parts.append(message.get("body", b""))
                if sum(map(len, parts)) > self.entry_limit:
                    headers = None
                elif not message.get("more_body", False):
                    self.put(key, Kept(200, headers, b"".join(parts)))

        return record


async def replay(kept: Kept, send: Send) -> None:
    await send({"type": "http.response.start", "status": kept.status, "headers": kept.headers})
    await send({"type": "http.response.body", "body": kept.body})
