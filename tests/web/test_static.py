"""Front-end files: vendored as recorded, all referenced files present, served cacheable."""

from __future__ import annotations

import hashlib
import re
from importlib import resources
from pathlib import Path

from fastapi.testclient import TestClient

WEB = Path(str(resources.files("sse_atlas.web")))
VENDOR = WEB / "static" / "vendor"


def test_static_vendor_files_match_manifest() -> None:
    lines = (VENDOR / "MANIFEST").read_text(encoding="utf-8").splitlines()
    recorded = {
        name: digest
        for digest, _, name in (line.partition("  ") for line in lines)
        if re.fullmatch(r"[0-9a-f]{64}", digest)
    }
    actual = {
        str(path.relative_to(VENDOR)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in VENDOR.rglob("*")
        if path.is_file() and path.name != "MANIFEST"
    }
    assert actual == recorded


def test_static_vendor_versions_pinned() -> None:
    packages = [
        line.removeprefix("package ")
        for line in (VENDOR / "MANIFEST").read_text(encoding="utf-8").splitlines()
        if line.startswith("package ")
    ]
    assert packages == [
        "htmx.org@2.0.11",
        "leaflet@1.9.4",
        "leaflet.markercluster@1.5.3",
        "world-atlas@2.0.2",
        "topojson-client@3.1.0",
        "swagger-ui-dist@5.35.0",
    ]


def test_static_every_referenced_file_exists() -> None:
    referenced = {
        name
        for template in (WEB / "templates").glob("*.html")
        for name in re.findall(r"ui\.static\('([^']+)'\)", template.read_text(encoding="utf-8"))
    }
    missing = sorted(name for name in referenced if not (WEB / "static" / name).is_file())
    assert (len(referenced) > 10, missing) == (True, [])


def test_static_served_cacheable(client: TestClient) -> None:
    response = client.get("/static/vendor/htmx/htmx.min.js?v=1")
    assert (response.status_code, response.headers["cache-control"]) == (
        200,
        "public, max-age=3600",
    )


def test_static_hashed_url_cached_for_a_year(client: TestClient) -> None:
    css = WEB / "static" / "app.css"
    digest = hashlib.sha256(css.read_bytes()).hexdigest()[:12]
    page = client.get("/about").text
    response = client.get(f"/static/app.css?v={digest}")
    assert (f'href="/static/app.css?v={digest}"' in page, response.headers["cache-control"]) == (
        True,
        "public, max-age=31536000, immutable",
    )


def test_static_no_remote_urls_in_pages(client: TestClient) -> None:
    html = client.get("/initiatives/gsef2018-fr/4.2.1").text + client.get("/map").text
    sources = re.findall(r'<(?:script|link)[^>]+(?:src|href)="([^"]+)"', html)
    assert [s for s in sources if not s.startswith("/")] == []
