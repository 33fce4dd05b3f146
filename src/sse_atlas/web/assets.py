"""The front-end files, read into memory once and served from there, compressed ahead of time.

Static files are most of what a browser asks for, and under load they must not wait behind pages:
they are answered on the event loop straight from memory (no thread, no file system, no
compression per request), with an ``ETag`` for revalidation. Only the files found under the
folder when the app starts exist; any other path is 404, so no path can lead outside it.
"""

from __future__ import annotations

import gzip
import hashlib
import mimetypes
from dataclasses import dataclass
from pathlib import Path
from typing import Final

from starlette.types import Receive, Scope, Send

# text formats worth compressing (images and fonts here are compressed already)
_COMPRESSIBLE: Final = (".css", ".js", ".json", ".svg", ".txt", ".html", ".map")
_TYPES: Final = {".js": "text/javascript", ".json": "application/json", ".svg": "image/svg+xml"}
_TEXT: Final = ("text/", "application/json", "image/svg+xml")


@dataclass(frozen=True)
class Asset:
    body: bytes
    gzipped: bytes | None  # None when compression would not pay
    etag: str
    media_type: str


def _media_type(path: Path) -> str:
    kind = _TYPES.get(path.suffix) or mimetypes.guess_type(path.name)[0]
    kind = kind or "application/octet-stream"
    return f"{kind}; charset=utf-8" if kind.startswith(_TEXT) else kind


def _asset(path: Path) -> Asset:
    body = path.read_bytes()
    gzipped = None
    if path.suffix in _COMPRESSIBLE and len(body) > 512:
        # level 6: a quarter of the start-up time of level 9, for 1 % more bytes
        packed = gzip.compress(body, compresslevel=6, mtime=0)
        gzipped = packed if len(packed) < 0.9 * len(body) else None
    etag = '"' + hashlib.blake2b(body, digest_size=12).hexdigest() + '"'
    return Asset(body, gzipped, etag, _media_type(path))


def accepts_gzip(value: bytes | None) -> bool:
    """Whether an ``Accept-Encoding`` value takes gzip (``gzip`` or ``*``, not at q=0)."""
    for part in (value or b"").lower().split(b","):
        coding, _, parameters = part.partition(b";")
        if coding.strip() in (b"gzip", b"*"):
            quality = parameters.replace(b" ", b"").removeprefix(b"q=")
            return not (quality and quality.strip(b"0.") == b"")
    return False


def _header(scope: Scope, wanted: bytes) -> bytes | None:
    return next((value for name, value in scope.get("headers", []) if name == wanted), None)


class StaticAssets:
    """An ASGI app serving every file under ``root`` at ``prefix`` + its relative path."""

    def __init__(self, root: Path, prefix: str = "/static/") -> None:
        self.prefix = prefix
        self.files = {
            path.relative_to(root).as_posix(): _asset(path)
            for path in sorted(root.rglob("*"))
            if path.is_file()
        }

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        method = scope["method"]
        if method not in ("GET", "HEAD"):
            await _send(send, 405, b"Method Not Allowed", [(b"allow", b"GET, HEAD")])
            return
        asset = self.files.get(scope["path"].removeprefix(self.prefix))
        if asset is None:
            await _send(send, 404, b"Not Found", [])
            return
        headers = [(b"etag", asset.etag.encode())]
        if asset.gzipped is not None:
            headers.append((b"vary", b"Accept-Encoding"))
        match = _header(scope, b"if-none-match")
        if match is not None and asset.etag.encode() in match.split(b", "):
            await send({"type": "http.response.start", "status": 304, "headers": headers})
            await send({"type": "http.response.body", "body": b""})
            return
        body = asset.body
        if asset.gzipped is not None and accepts_gzip(_header(scope, b"accept-encoding")):
            body = asset.gzipped
            headers.append((b"content-encoding", b"gzip"))
        await _send(send, 200, body, headers, asset.media_type, head=method == "HEAD")


async def _send(
    send: Send,
    status: int,
    body: bytes,
    headers: list[tuple[bytes, bytes]],
    media_type: str = "text/plain; charset=utf-8",
    *,
    head: bool = False,
) -> None:
    start = [
        (b"content-type", media_type.encode()),
        (b"content-length", str(len(body)).encode()),
        *headers,
    ]
    await send({"type": "http.response.start", "status": status, "headers": start})
    await send({"type": "http.response.body", "body": b"" if head else body})
