"""Whatever a visitor types gives a page: never a server error, never markup of theirs."""

from __future__ import annotations

from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient

QUERIES = [
    'AND OR NOT ( " * ~ ^ : [ ] { } \\',
    'title:"unclosed',
    "NEAR(a b) -x +y field:value~2 a* ?b",
    "x" * 5000,
    "\x00\x01\x1f\x7f control",
    "\U0001f331\U0001f91d économie solidaire 協同組合 تعاونية",
    "%s %(query)s %d {0} {query}",
    "<script>alert(1)</script>",
    "' OR 1=1 --; DROP TABLE initiatives",
    "   ",
]
RAW = ["%ff%fe%fd", "%", "%zz", "a%00b"]
PATHS = ["/", "/map", "/api/v1/search"]


@pytest.mark.parametrize("path", PATHS)
@pytest.mark.parametrize("text", QUERIES)
def test_bad_query_gives_answer(client: TestClient, path: str, text: str) -> None:
    response = client.get(path, params={"q": text})
    assert response.status_code == 200


@pytest.mark.parametrize("path", PATHS)
@pytest.mark.parametrize("raw", RAW)
def test_bad_encoding_gives_answer(client: TestClient, path: str, raw: str) -> None:
    # pages show no result for a country no record has; the API says which ones exist
    expected = 422 if path.startswith("/api/") else 200
    assert client.get(f"{path}?q={raw}&country={raw}").status_code == expected


@pytest.mark.parametrize(
    "query",
    [
        "page=-1&limit=abc",
        "country=%3Cscript%3E&sdg=999&theme=&kind=nothing",
        "&".join(f"country={n}" for n in range(500)),
        "q=a&q=b&q=c",
        "lang=%00&lang=xx",
    ],
)
def test_bad_parameters_give_search_page(client: TestClient, query: str) -> None:
    response = client.get(f"/?{query}")
    assert (response.status_code, response.headers["content-type"]) == (
        200,
        "text/html; charset=utf-8",
    )


def test_bad_query_markup_escaped(client: TestClient) -> None:
    html = client.get("/", params={"q": '"><script>alert(1)</script>'}).text
    assert ("<script>alert(1)" in html, quote("<script>") in html or "&lt;script&gt;" in html) == (
        False,
        True,
    )


@pytest.mark.parametrize(
    "path",
    [
        "/initiatives/%3Cscript%3E/%00",
        "/initiatives/gsef2018-fr/" + "9" * 3000,
        "/organisations/%F0%9F%8C%B1",
        "/people/..%2F..%2Fetc%2Fpasswd",
        "/countries/%00%00",
        "/programme/%ff",
        "/static/../kb.py",
    ],
)
def test_bad_ids_give_404(client: TestClient, path: str) -> None:
    assert client.get(path).status_code == 404
