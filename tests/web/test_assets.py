"""Static files from memory: compressed ahead of time, revalidated by ETag, nothing outside."""

from __future__ import annotations

import gzip
from pathlib import Path

from fastapi.testclient import TestClient

from sse_atlas.web.assets import StaticAssets, accepts_gzip
from sse_atlas.web.render import static_root

STATIC = Path(static_root())


def test_assets_every_file_under_the_folder_loaded() -> None:
    assets = StaticAssets(STATIC)
    on_disk = sorted(p.relative_to(STATIC).as_posix() for p in STATIC.rglob("*") if p.is_file())
    assert sorted(assets.files) == on_disk


def test_assets_gzip_served_when_accepted(client: TestClient) -> None:
    packed = client.get("/static/vendor/htmx/htmx.min.js", headers={"Accept-Encoding": "gzip"})
    plain = (STATIC / "vendor/htmx/htmx.min.js").read_bytes()
    assert (
        packed.status_code,
        packed.headers["content-encoding"],
        packed.headers["content-type"],
        packed.headers["vary"],
        packed.content,
    ) == (200, "gzip", "text/javascript; charset=utf-8", "Accept-Encoding", plain)


def test_assets_plain_when_gzip_refused(client: TestClient) -> None:
    response = client.get(
        "/static/vendor/htmx/htmx.min.js", headers={"Accept-Encoding": "gzip;q=0, identity"}
    )
    body = (STATIC / "vendor/htmx/htmx.min.js").read_bytes()
    assert (response.headers.get("content-encoding"), response.content) == (None, body)


def test_assets_etag_revalidates(client: TestClient) -> None:
    first = client.get("/static/app.css")
    again = client.get("/static/app.css", headers={"If-None-Match": first.headers["etag"]})
    assert (again.status_code, again.content, again.headers["etag"]) == (
        304,
        b"",
        first.headers["etag"],
    )


def test_assets_unknown_or_outside_path_not_found(client: TestClient) -> None:
    paths = ["/static/nothing.css", "/static/../app.py", "/static/%2e%2e/app.py", "/static/"]
    assert [client.get(p).status_code for p in paths] == [404, 404, 404, 404]


def test_assets_accept_encoding_parsed() -> None:
    values = [b"gzip", b"br, gzip;q=0.5", b"*", b"gzip;q=0", b"gzip; q=0.000", b"identity", None]
    assert [accepts_gzip(v) for v in values] == [True, True, True, False, False, False, False]


def test_assets_compressed_copy_is_the_file(client: TestClient) -> None:
    assets = StaticAssets(STATIC)
    asset = assets.files["vendor/world-atlas/countries-50m.json"]
    assert asset.gzipped is not None
    assert gzip.decompress(asset.gzipped) == asset.body
