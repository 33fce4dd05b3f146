"""Validators from the store's generation: ETag, Last-Modified and 304 on pages and API."""

from __future__ import annotations

from collections.abc import Iterator
from email.utils import formatdate, parsedate_to_datetime
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from sse_atlas.kb import KnowledgeBase
from sse_atlas.model import Organisation
from sse_atlas.web import create_app
from sse_atlas.web.caching import entity_tag

PAGE = "/initiatives/gsef2018-fr/4.2.1"
API = "/api/v1/initiatives/gsef2018-fr/4.2.1"


@pytest.mark.parametrize("url", [PAGE, API])
def test_caching_answer_carries_validators(client: TestClient, url: str) -> None:
    response = client.get(url)
    tag = response.headers["etag"]
    assert (response.status_code, tag[:3], response.headers["cache-control"]) == (
        200,
        'W/"',
        "no-cache",
    )
    assert parsedate_to_datetime(response.headers["last-modified"]).tzname() == "UTC"


@pytest.mark.parametrize("url", [PAGE, API])
def test_caching_matching_tag_not_modified(client: TestClient, url: str) -> None:
    tag = client.get(url).headers["etag"]
    again = client.get(url, headers={"If-None-Match": tag})
    assert (again.status_code, again.content, again.headers["etag"]) == (304, b"", tag)


def test_caching_other_language_other_tag(client: TestClient) -> None:
    french = client.get(PAGE, headers={"Accept-Language": "fr"}).headers["etag"]
    english = client.get(PAGE, headers={"Accept-Language": "en"})
    again = client.get(PAGE, headers={"Accept-Language": "en", "If-None-Match": french})
    assert (english.headers["etag"] != french, again.status_code) == (True, 200)


def test_caching_modified_since(client: TestClient) -> None:
    modified = client.get(PAGE).headers["last-modified"]
    later = client.get(PAGE, headers={"If-Modified-Since": modified})
    earlier = client.get(PAGE, headers={"If-Modified-Since": formatdate(0, usegmt=True)})
    assert (later.status_code, earlier.status_code) == (304, 200)


def test_caching_missing_page_no_validators(client: TestClient) -> None:
    response = client.get("/initiatives/gsef2018-fr/9.9.9")
    assert (response.status_code, "etag" in response.headers) == (404, False)


@pytest.fixture
def writable(tmp_path: Path) -> Iterator[KnowledgeBase]:
    kb = KnowledgeBase.open(tmp_path / "atlas.sqlite3")
    yield kb
    kb.close()


def test_caching_write_moves_the_tag(writable: KnowledgeBase) -> None:
    app = create_app(writable)
    with TestClient(app) as client:
        before = client.get("/about")
        writable.repository.replace_entities([Organisation("o-x", "X")], [])
        app.state.site.refresh()  # what the server's next check of the store does
        after = client.get("/about", headers={"If-None-Match": before.headers["etag"]})
    generation = writable.repository.generation()
    assert (after.status_code, after.headers["etag"].startswith(f'W/"{generation}-')) == (
        200,
        True,
    )


def test_entity_tag_keyed_on_url_and_headers() -> None:
    scope = {"path": "/search", "query_string": b"q=coop", "headers": []}
    other = {**scope, "query_string": b"q=bank"}
    cookie = {**scope, "headers": [(b"cookie", b"lang=fr")]}
    tags = {entity_tag(7, scope), entity_tag(7, other), entity_tag(7, cookie), entity_tag(8, scope)}
    assert (len(tags), entity_tag(7, scope) == entity_tag(7, dict(scope))) == (4, True)
