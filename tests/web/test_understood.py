"""The search page and API say how the query was read, and undo it on request."""

from __future__ import annotations

from fastapi.testclient import TestClient

from tests.web.html import parse


def test_api_search_interpreted_place_with_literal_url(client: TestClient) -> None:
    answer = client.get("/api/v1/search?q=initiatives+in+Japan").json()
    assert (answer["total"], answer["interpreted"]) == (
        1,
        [
            {
                "kind": "place",
                "values": ["JP"],
                "label": "Japan",
                "span": "Japan",
                "filter": True,
                "facet": "country",
                "literal_url": "/api/v1/search?q=initiatives+in+Japan&limit=20"
                "&types=initiative&literal=place",
            }
        ],
    )


def test_api_search_literal_turns_reading_off(client: TestClient) -> None:
    answer = client.get("/api/v1/search?q=initiatives+in+Japan&literal=place").json()
    assert (answer["interpreted"], answer["literal"], answer["total"] > 1) == ([], ["place"], True)


def test_api_search_types_gives_entities(client: TestClient) -> None:
    answer = client.get("/api/v1/search?q=Koopera&types=initiative,organisation,person").json()
    assert answer["entities"] == [
        {
            "kind": "organisation",
            "id": "organisation/koopera",
            "name": "Koopera",
            "url": "/organisations/koopera",
            "initiatives": ["gsef2018-fr/1.1.2"],
            "workshops": [],
        }
    ]


def test_api_search_bad_types_or_literal_is_422(client: TestClient) -> None:
    codes = [
        client.get("/api/v1/search?q=x&types=shops").status_code,
        client.get("/api/v1/search?q=x&literal=colour").status_code,
    ]
    assert codes == [422, 422]


def test_search_page_shows_reading_with_remove_link(client: TestClient) -> None:
    page = parse(client.get("/?q=initiatives+au+Br%C3%A9sil").text)
    links = [a.attrs.get("href") for a in page.find_all("a", cls="understood-remove")]
    assert (page.find("p", cls="understood").text, links) == (
        "Showing initiatives in Brazil ×",
        ["/?q=initiatives+au+Br%C3%A9sil&literal=place"],
    )


def test_search_page_names_entity_first(client: TestClient) -> None:
    page = parse(client.get("/?q=Koopera").text)
    assert page.find("ul", cls="entities").texts("a") == ["Koopera"]


def test_search_page_offers_corrected_query(client: TestClient) -> None:
    page = parse(client.get("/?q=economie+circul%C3%A8re").text)
    links = [a.text for a in page.find_all("a") if a.attrs.get("href", "").endswith("circulaire")]
    assert links == ["economie circulaire"]
