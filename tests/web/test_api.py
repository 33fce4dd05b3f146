"""The JSON API under /api/v1: every endpoint, pagination, errors, OpenAPI and CORS."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from sse_atlas.model.validate import interchange_schema
from sse_atlas.search import facets
from sse_atlas.web.routes import api

ENDPOINTS = [
    "/api/v1/search",
    "/api/v1/initiatives",
    "/api/v1/initiatives/gsef2018-fr/4.2.1",
    "/api/v1/workshops",
    "/api/v1/workshops/gsef2018-fr/2.4",
    "/api/v1/programme",
    "/api/v1/programme/gsef2018-fr",
    "/api/v1/organisations",
    "/api/v1/organisations/groupe-terre",
    "/api/v1/people",
    "/api/v1/people/xabier-roberti",
    "/api/v1/countries",
    "/api/v1/countries/be",
    "/api/v1/stats",
    "/api/v1/quality",
]


@pytest.mark.parametrize("path", ENDPOINTS)
def test_api_endpoint_answers_json(client: TestClient, path: str) -> None:
    response = client.get(path)
    assert (response.status_code, response.headers["content-type"]) == (200, "application/json")


def test_api_openapi_lists_every_endpoint(client: TestClient) -> None:
    document = client.get("/api/v1/openapi.json").json()
    assert sorted(document["paths"]) == [
        "/api/v1",
        "/api/v1/changes/{seq}/revert",
        "/api/v1/countries",
        "/api/v1/countries/{code}",
        "/api/v1/initiatives",
        "/api/v1/initiatives/{catalogue}/{code}",
        "/api/v1/initiatives/{catalogue}/{code}/history",
        "/api/v1/organisations",
        "/api/v1/organisations/{slug}",
        "/api/v1/organisations/{slug}/history",
        "/api/v1/people",
        "/api/v1/people/{slug}",
        "/api/v1/people/{slug}/history",
        "/api/v1/programme",
        "/api/v1/programme/{catalogue}",
        "/api/v1/quality",
        "/api/v1/schema/interchange.json",
        "/api/v1/search",
        "/api/v1/stats",
        "/api/v1/suggestions",
        "/api/v1/suggestions/{suggestion_id}/{decision}",
        "/api/v1/workshops",
        "/api/v1/workshops/{catalogue}/{code}",
        "/api/v1/workshops/{catalogue}/{code}/history",
    ]


def test_api_openapi_documents_search_facets(client: TestClient) -> None:
    search = client.get("/api/v1/openapi.json").json()["paths"]["/api/v1/search"]["get"]
    names = [p["name"] for p in search["parameters"]]
    assert names[:6] == ["q", "limit", "offset", "types", "literal", "country"]


def test_api_search_shape(client: TestClient) -> None:
    answer = client.get("/api/v1/search?q=coop&limit=5").json()
    assert sorted(answer) == [
        "closest",
        "entities",
        "facets",
        "filters",
        "hits",
        "interpreted",
        "language",
        "limit",
        "literal",
        "next",
        "offset",
        "query",
        "spelling",
        "suggestion",
        "total",
        "weak",
    ]


def test_api_search_nothing_found_offers_a_spelling(client: TestClient) -> None:
    answer = client.get("/api/v1/search?q=qqmonnaiex").json()
    assert (answer["total"], answer["suggestion"], answer["spelling"]) == (0, None, "monnaie")


def test_api_initiatives_paginated(client: TestClient) -> None:
    answer = client.get("/api/v1/initiatives?limit=10&offset=95").json()
    assert (
        answer["total"],
        answer["limit"],
        answer["offset"],
        len(answer["items"]),
        answer["next"],
        answer["previous"],
        answer["items"][-1]["id"],
    ) == (102, 10, 95, 7, None, "/api/v1/initiatives?limit=10&offset=85", "gsef2018-fr/9.3.4")


def test_api_initiatives_first_page_links_next(client: TestClient) -> None:
    answer = client.get("/api/v1/initiatives?country=be").json()
    assert (answer["total"], [i["code"] for i in answer["items"]], answer["next"]) == (
        4,
        ["4.1.1", "4.2.1", "5.2.4", "8.2.2"],
        None,
    )


def test_api_initiative_same_as_page_json(client: TestClient) -> None:
    api = client.get("/api/v1/initiatives/gsef2018-fr/4.2.1").json()
    page = client.get("/initiatives/gsef2018-fr/4.2.1.json").json()
    assert api == page


def test_api_initiative_keys(client: TestClient) -> None:
    answer = client.get("/api/v1/initiatives/gsef2018-fr/4.2.1").json()
    assert sorted(answer) == [
        "catalogue",
        "day",
        "groups",
        "id",
        "initiative",
        "link_problems",
        "links",
        "organisation",
        "organisation_type",
        "place",
        "presenters",
        "programme_url",
        "provenance",
        "sdgs",
        "sectors",
        "session",
        "similar",
        "themes",
        "title",
        "url",
        "workshop",
    ]


@pytest.mark.parametrize(
    ("path", "message"),
    [
        ("/api/v1/initiatives/gsef2018-fr/9.9.9", "There is no initiative gsef2018-fr/9.9.9."),
        ("/api/v1/workshops/gsef2018-fr/9.9", "There is no workshop gsef2018-fr/9.9."),
        ("/api/v1/organisations/nobody", "There is no organisation nobody."),
        ("/api/v1/people/nobody", "There is no person nobody."),
        ("/api/v1/countries/zz", "There is no country with the code zz."),
        ("/api/v1/programme/nothing", "There is no catalogue nothing."),
        ("/api/v1/nothing", "Not Found"),
    ],
)
def test_api_unknown_ids_404(client: TestClient, path: str, message: str) -> None:
    response = client.get(path)
    assert (response.status_code, response.json()) == (
        404,
        {"error": {"status": 404, "message": message}},
    )


def test_api_bad_parameter_422(client: TestClient) -> None:
    response = client.get("/api/v1/initiatives?limit=1000")
    assert (response.status_code, response.json()) == (
        422,
        {
            "error": {
                "status": 422,
                "message": "invalid parameters",
                "problems": [
                    {"where": "query.limit", "message": "Input should be less than or equal to 100"}
                ],
            }
        },
    )


def test_api_cors_read_only(client: TestClient) -> None:
    simple = client.get("/api/v1/stats", headers={"Origin": "https://example.org"})
    preflight = client.options(
        "/api/v1/stats",
        headers={"Origin": "https://example.org", "Access-Control-Request-Method": "GET"},
    )
    refused = client.options(
        "/api/v1/stats",
        headers={"Origin": "https://example.org", "Access-Control-Request-Method": "POST"},
    )
    assert (
        simple.headers["access-control-allow-origin"],
        preflight.status_code,
        preflight.headers["access-control-allow-methods"],
        refused.status_code,
    ) == ("*", 200, "GET, HEAD, OPTIONS", 400)


def test_api_writes_refused(client: TestClient) -> None:
    assert client.post("/api/v1/initiatives").status_code == 405


def test_api_listing_people_entries(client: TestClient) -> None:
    answer = client.get("/api/v1/people?limit=1").json()
    assert sorted(answer["items"][0]) == ["count", "detail", "id", "label", "url"]


def test_api_unknown_parameter_422_names_the_allowed(client: TestClient) -> None:
    response = client.get("/api/v1/initiatives?colour=red")
    assert (response.status_code, response.json()["error"]["problems"]) == (
        422,
        [
            {
                "where": "query.colour",
                "message": "unknown parameter 'colour'; allowed: catalogue, country, lang, "
                "limit, offset",
            }
        ],
    )


def test_api_unknown_filter_value_422_names_the_allowed(client: TestClient) -> None:
    response = client.get("/api/v1/search?sdg=99")
    problem = response.json()["error"]["problems"][0]
    allowed = problem["message"].split("; allowed: ")[1].split(", ")
    assert (response.status_code, problem["where"], sorted(allowed, key=int)) == (
        422,
        "query.sdg",
        sorted(allowed, key=int),
    )
    assert ("1" in allowed, "99" in allowed) == (True, False)


def test_api_filter_value_beyond_the_listed_ones_accepted(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    every = [v["value"] for v in client.get("/api/v1/search?limit=1").json()["facets"]["workshop"]]
    # a facet with more values than are listed: the check still knows the last one
    monkeypatch.setattr(facets, "FACET_LIMIT", 5)
    monkeypatch.setattr(api, "FACET_LIMIT", 5)
    # another address than the first: the server keeps answers per generation
    listed = client.get("/api/v1/search?limit=2").json()["facets"]["workshop"]
    known = client.get("/api/v1/search", params={"workshop": every[-1], "limit": 1})
    wrong = client.get("/api/v1/search", params={"workshop": "gsef2018-fr/99.9", "limit": 1})
    assert (len(every), len(listed), known.status_code, wrong.status_code) == (42, 5, 200, 422)
    assert wrong.json()["error"]["problems"][0]["message"].endswith("… (the 5 most frequent shown)")


def test_api_index_lists_every_endpoint(client: TestClient) -> None:
    answer = client.get("/api/v1").json()
    paths = [endpoint["path"] for endpoint in answer["endpoints"]]
    assert (answer["openapi"], answer["docs"], paths[0], len(paths)) == (
        "/api/v1/openapi.json",
        "/api/v1/docs",
        "/api/v1/search",
        # one endpoint per operation (a path may take GET and PATCH)
        sum(len(item) for item in client.get("/api/v1/openapi.json").json()["paths"].values()),
    )


def test_api_docs_page_lists_the_endpoints(client: TestClient) -> None:
    response = client.get("/api/v1/docs?lang=fr")
    assert (response.status_code, response.text.count("<code>GET /api/v1")) == (
        200,
        len(client.get("/api/v1").json()["endpoints"]),
    )


def test_api_interchange_schema_served(client: TestClient) -> None:
    response = client.get("/api/v1/schema/interchange.json")
    assert (
        response.status_code,
        response.headers["content-type"],
        response.json() == interchange_schema(),
    ) == (200, "application/schema+json", True)
