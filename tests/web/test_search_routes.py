"""The search page, the map and exports over the knowledge base's search: facets, pages, filters."""

from __future__ import annotations

import json

from fastapi.testclient import TestClient

from tests.web.html import parse


def test_search_home_lists_everything_with_facets(client: TestClient) -> None:
    page = client.get("/index.json").json()
    country = next(f for f in page["facets"] if f["name"] == "country")
    assert (
        page["total"],
        len(page["hits"]),
        page["pager"]["pages"],
        country["title"],
        country["options"][0]["url"],
    ) == (115, 20, 6, "Country", "/?country=ES")


def test_search_facet_toggle_on_and_off(client: TestClient) -> None:
    page = client.get("/index.json?country=BE").json()
    belgium = next(
        o
        for f in page["facets"]
        if f["name"] == "country"
        for o in f["options"]
        if o["value"] == "BE"
    )
    assert (
        page["total"],
        belgium["selected"],
        belgium["url"],
        page["active"][0]["remove_url"],
    ) == (
        4,
        True,
        "/",
        "/",
    )


def test_search_second_page(client: TestClient) -> None:
    page = client.get("/index.json?page=2").json()
    assert (
        page["pager"]["first"],
        page["pager"]["last"],
        page["pager"]["previous_url"],
        page["pager"]["next_url"],
    ) == (21, 40, "/", "/?page=3")


def test_search_hit_links_to_its_page(client: TestClient) -> None:
    hits = client.get("/api/v1/search?kind=workshop&limit=3").json()["hits"]
    assert [h["url"] for h in hits] == [f"/workshops/{h['id']}" for h in hits]


def test_search_page_marks_snippet_words(client: TestClient) -> None:
    document = parse(client.get("/?q=syndicats").text)
    marks = document.find("ol", cls="hits").texts("mark")
    assert (len(marks) > 0, {m.lower()[:7] for m in marks}) == (True, {"syndica"})


def test_search_api_next_page(client: TestClient) -> None:
    answer = client.get("/api/v1/search?country=ES&limit=10").json()
    assert (answer["total"], len(answer["hits"]), answer["next"]) == (
        39,
        10,
        "/api/v1/search?country=ES&limit=10&offset=10",
    )


def test_search_map_follows_filters(client: TestClient) -> None:
    page = client.get("/map.json?country=BE").json()
    assert (
        page["total"],
        len(page["points"]) + len(page["unlocated"]),
        page["search_url"],
        page["active"][0]["remove_url"],
    ) == (4, 4, "/?country=BE", "/map")


def test_search_map_points_are_script_safe(client: TestClient) -> None:
    document = parse(client.get("/map?country=BE").text)
    points = json.loads(document.find("script", id="map-points").text)
    assert sorted(p["id"] for p in points) == [
        "gsef2018-fr/4.1.1",
        "gsef2018-fr/4.2.1",
        "gsef2018-fr/5.2.4",
        "gsef2018-fr/8.2.2",
    ]


def test_search_export_honours_filters(client: TestClient) -> None:
    document = client.get("/exports/json?country=BE").json()
    assert sorted(i["id"] for i in document["initiatives"]) == [
        "gsef2018-fr/4.1.1",
        "gsef2018-fr/4.2.1",
        "gsef2018-fr/5.2.4",
        "gsef2018-fr/8.2.2",
    ]


def test_search_similar_initiatives_shown(client: TestClient) -> None:
    similar = client.get("/initiatives/gsef2018-fr/4.2.1.json").json()["similar"]
    ids = [s["id"] for s in similar]
    assert (0 < len(ids) <= 6, "gsef2018-fr/4.2.1" in ids) == (True, False)


def test_search_page_past_the_last_404(client: TestClient) -> None:
    response = client.get("/?page=99&lang=en")
    huge = client.get("/?page=99999999999999999999&lang=en")  # clamped to the last allowed
    assert (
        response.status_code,
        "There is no page 99 of these results." in response.text,
        huge.status_code,
    ) == (404, True, 404)


def test_search_pager_numbers_first_last_and_around(client: TestClient) -> None:
    pager = client.get("/index.json?page=4").json()["pager"]
    assert [(n["number"], n["current"]) for n in pager["numbers"]] == [
        (1, False),
        (2, False),
        (3, False),
        (4, True),
        (5, False),
        (6, False),
    ]


def test_search_empty_result_has_no_facets_map_or_downloads(client: TestClient) -> None:
    document = parse(client.get("/?q=zzqxwv").text)
    assert (
        document.find_all("aside", cls="facets"),
        document.find_all("p", cls="elsewhere"),
    ) == ([], [])


def test_search_sorted_by_title_with_page_size(client: TestClient) -> None:
    page = client.get("/index.json?sort=title&limit=10&page=2").json()
    titles = [hit["title"].casefold() for hit in page["hits"]]
    every = client.get("/index.json?sort=title&limit=100").json()["hits"]
    assert (len(titles), titles == sorted(titles), page["hits"][0]["id"]) == (
        10,
        True,
        every[10]["id"],
    )


def test_search_sort_and_size_carried_by_pager_and_facets(client: TestClient) -> None:
    page = client.get("/index.json?sort=country&limit=10").json()
    spain = next(o for f in page["facets"] if f["name"] == "country" for o in f["options"])
    assert (page["pager"]["next_url"], spain["url"]) == (
        "/?sort=country&limit=10&page=2",
        "/?country=ES&sort=country&limit=10",
    )


def test_search_unknown_sort_is_relevance(client: TestClient) -> None:
    page = client.get("/index.json?sort=colour").json()
    assert page["steering"]["sort"] == "relevance"


def test_search_single_value_facets_hidden(client: TestClient) -> None:
    names = [f["name"] for f in client.get("/index.json").json()["facets"]]
    assert ("catalogue" in names, "language" in names, "country" in names) == (False, False, True)


def test_search_nothing_found_offers_spelling_themes_countries(client: TestClient) -> None:
    page = client.get("/index.json?q=qqmonnaiex&lang=en").json()
    empty = page["empty"]
    assert (
        page["total"],
        empty["spelling"],
        [t["id"] for t in empty["themes"]],
        [c["label"] for c in empty["countries"]],
    ) == (
        0,
        {"id": "monnaie", "label": "monnaie", "url": "/?q=monnaie"},
        ["T6", "T13", "T10", "T12", "T16"],
        ["Spain", "France", "Canada", "South Korea", "Belgium"],
    )
