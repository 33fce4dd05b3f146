"""Every HTML page through the in-process client: status, structure, language and escaping."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from sse_atlas.kb import KnowledgeBase
from sse_atlas.web import create_app
from tests.web.conftest import HOSTILE
from tests.web.html import parse

HTML = "text/html; charset=utf-8"
PAGES = [
    "/",
    "/initiatives/gsef2018-fr/4.2.1",
    "/workshops/gsef2018-fr/2.4",
    "/workshops/gsef2018-fr/4.2",
    "/organisations",
    "/organisations/groupe-terre",
    "/people",
    "/people/xabier-roberti",
    "/countries",
    "/countries/be",
    "/countries/de",
    "/programme/gsef2018-fr",
    "/map",
    "/stats",
    "/quality",
    "/about",
]


@pytest.mark.parametrize("path", PAGES)
def test_page_answers_html(client: TestClient, path: str) -> None:
    response = client.get(path)
    document = parse(response.text)
    assert (response.status_code, response.headers["content-type"], len(document.texts("h1"))) == (
        200,
        HTML,
        1,
    )


@pytest.mark.parametrize("path", PAGES)
def test_page_has_no_inline_script(client: TestClient, path: str) -> None:
    document = parse(client.get(path).text)
    inline = [
        e.attrs
        for e in document.find_all("script")
        if "src" not in e.attrs and e.attrs.get("type") != "application/json"
    ]
    handlers = [(e.tag, name) for e in document.iter() for name in e.attrs if name.startswith("on")]
    styles = [e.tag for e in document.iter() if "style" in e.attrs or e.tag == "style"]
    assert (inline, handlers, styles) == ([], [], [])


@pytest.mark.parametrize("path", PAGES)
def test_page_json_twin_same_by_suffix_and_accept(client: TestClient, path: str) -> None:
    suffixed = "/index.json" if path == "/" else f"{path}.json"
    by_suffix = client.get(suffixed)
    by_accept = client.get(path, headers={"Accept": "application/json"})
    assert (by_suffix.status_code, by_suffix.headers["content-type"], by_suffix.json()) == (
        200,
        "application/json",
        by_accept.json(),
    )


def test_page_security_headers(client: TestClient) -> None:
    headers = client.get("/").headers
    assert (
        headers["content-security-policy"],
        headers["x-content-type-options"],
        headers["x-frame-options"],
    ) == (
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; "
        "form-action 'self'; frame-ancestors 'none'",
        "nosniff",
        "DENY",
    )


def test_page_initiative_shows_record(client: TestClient) -> None:
    document = parse(client.get("/initiatives/gsef2018-fr/4.2.1").text)
    presenters = document.find("ul", cls="people").find_all("a")
    crumbs = document.find("nav", cls="crumbs").texts("a")
    assert (
        document.find("h1").text,
        [(a.text, a.attrs["href"]) for a in presenters],
        crumbs,
        document.find("p", cls="provenance").text,
    ) == (
        "Entreprises sociales participatives et syndicats",
        [
            ("Xabier Roberti", "/people/xabier-roberti"),
            ("http://www.terre.be", "http://www.terre.be"),
        ],
        ["Search", "GSEF 2018 · Bilbao", "Workshop 4.2"],
        "Source: catalogue gsef2018-fr, gsef2018-fr.txt, lines 489–495",
    )


def test_page_initiative_links_place_and_programme(client: TestClient) -> None:
    document = parse(client.get("/initiatives/gsef2018-fr/4.2.1").text)
    hrefs = [a.attrs["href"] for a in document.find("aside", cls="record-side").find_all("a")]
    assert [h for h in hrefs if h.startswith(("/countries", "/programme", "/workshops"))] == [
        "/countries/be",
        "/workshops/gsef2018-fr/4.2",
        "/programme/gsef2018-fr#w-4-2",
    ]


def test_page_initiative_minimap_data(client: TestClient) -> None:
    minimap = parse(client.get("/initiatives/gsef2018-fr/4.2.1").text).find("div", cls="minimap")
    assert (minimap.attrs["data-country"], minimap.attrs["data-label"]) == (
        "056",
        "Entreprises sociales participatives et syndicats",
    )


def test_page_person_lists_initiatives(client: TestClient) -> None:
    document = parse(client.get("/people/xabier-roberti").text)
    cards = document.find("ul", cls="cards").find_all("a")
    assert [(a.text, a.attrs["href"]) for a in cards] == [
        ("4.2.1 Entreprises sociales participatives et syndicats", "/initiatives/gsef2018-fr/4.2.1")
    ]


def test_page_programme_days_sessions_workshops(client: TestClient) -> None:
    document = parse(client.get("/programme/gsef2018-fr").text)
    days = document.find_all("details", cls="day")
    sessions = [len(day.find_all("details", cls="session")) for day in days]
    workshops = document.find_all("section", cls="workshop")
    coordinated = document.find_all("section", cls="workshop-coordinated")
    assert (sessions, len(workshops), len(coordinated), workshops[0].attrs["id"]) == (
        [3, 3, 3],
        42,
        13,
        "w-1-1",
    )


def test_page_programme_panel_has_moderator(client: TestClient) -> None:
    panel = parse(client.get("/programme/gsef2018-fr").text).find("section", id="w-2-4")
    assert panel.find("p", cls="meta").text == "Coordinated workshop Coordinated by OCDE"


def test_page_stats_charts(client: TestClient) -> None:
    document = parse(client.get("/stats").text)
    charts = [f.attrs["id"] for f in document.find_all("figure", cls="chart")]
    assert charts == [
        "chart-country",
        "chart-continent",
        "chart-theme",
        "chart-sdg",
        "chart-organisation_type",
        "chart-day",
    ]


def test_page_stats_stated_beside_found(client: TestClient) -> None:
    stated = client.get("/stats.json").json()["stated"]
    assert [(r["name"], r["stated"], r["found"]) for r in stated][:2] == [
        ("initiatives", 102, 102),
        ("countries", 36, stated[1]["found"]),
    ]


def test_page_unknown_ids_404(client: TestClient) -> None:
    paths = [
        "/initiatives/gsef2018-fr/9.9.9",
        "/initiatives/nothing/1.1.1",
        "/workshops/gsef2018-fr/99.9",
        "/organisations/nobody-at-all",
        "/people/nobody-at-all",
        "/countries/zz",
        "/countries/france",
        "/programme/nothing",
        "/exports/pdf",
        "/no/such/page",
    ]
    answers = [(client.get(p).status_code, client.get(p).headers["content-type"]) for p in paths]
    assert answers == [(404, HTML)] * len(paths)


def test_page_404_says_what_is_missing(client: TestClient) -> None:
    response = client.get("/initiatives/gsef2018-fr/9.9.9", headers={"Accept-Language": "fr"})
    document = parse(response.text)
    assert (document.find("h1").text, document.find("main").find("p").text) == (
        "Introuvable",
        "Il n'y a pas d'initiative gsef2018-fr/9.9.9.",
    )


def test_page_404_as_json(client: TestClient) -> None:
    response = client.get("/initiatives/gsef2018-fr/9.9.9.json")
    assert (response.status_code, response.json()) == (
        404,
        {"title": "404", "status": 404, "message": "There is no initiative gsef2018-fr/9.9.9."},
    )


def test_page_country_code_case_redirects(client: TestClient) -> None:
    response = client.get("/countries/BE", follow_redirects=False)
    assert (response.status_code, response.headers["location"]) == (301, "/countries/be")


@pytest.mark.parametrize(
    ("headers", "query", "expected"),
    [
        ({}, "", "en"),
        ({"Accept-Language": "fr-FR,fr;q=0.9,en;q=0.5"}, "", "fr"),
        ({"Accept-Language": "de-DE, es;q=0.8"}, "", "es"),
        ({"Accept-Language": "fr"}, "?lang=es", "es"),
        ({}, "?lang=xx", "en"),
    ],
)
def test_page_language_negotiated(
    client: TestClient, headers: dict[str, str], query: str, expected: str
) -> None:
    document = parse(client.get(f"/about{query}", headers=headers).text)
    assert document.find("html").attrs["lang"] == expected


def test_page_language_switcher_remembers(client: TestClient) -> None:
    first = client.get("/stats?lang=fr")
    second = parse(client.get("/stats").text)
    switcher = parse(first.text).find("nav", cls="languages").find_all("a")
    assert (
        first.cookies.get("lang"),
        second.find("h1").text,
        [(a.text, a.attrs["href"], a.attrs.get("aria-current")) for a in switcher],
    ) == (
        "fr",
        "Statistiques",
        [
            ("English", "/stats?lang=en", None),
            ("Français", "/stats?lang=fr", "true"),
            ("Español", "/stats?lang=es", None),
        ],
    )


def test_page_catalogue_text_not_translated(client: TestClient) -> None:
    titles = {
        lang: parse(client.get(f"/initiatives/gsef2018-fr/4.2.1?lang={lang}").text).find("h1").text
        for lang in ("en", "fr", "es")
    }
    assert set(titles.values()) == {"Entreprises sociales participatives et syndicats"}


def test_page_hostile_markup_shown_as_text(hostile_client: TestClient) -> None:
    html = hostile_client.get("/initiatives/gsef2018-fr/4.2.1").text
    document = parse(html)
    assert (
        HOSTILE in html,
        document.find("h1").text,
        document.find("p", cls="description").text,
        [a.attrs["href"] for a in document.find_all("a") if "javascript" in a.attrs["href"]],
    ) == (False, f"Title {HOSTILE}", f"Description {HOSTILE}", [])


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/map",
        "/organisations/groupe-terre",
        "/people",
        "/countries/be",
        "/programme/gsef2018-fr",
    ],
)
def test_page_hostile_markup_escaped_everywhere(hostile_client: TestClient, path: str) -> None:
    html = hostile_client.get(path).text
    assert re.findall(r"<script>alert|<img src=x", html) == []


def test_page_htmx_request_gets_fragment(client: TestClient) -> None:
    full = client.get("/?country=BE")
    fragment = client.get("/?country=BE", headers={"HX-Request": "true"})
    restore = client.get(
        "/?country=BE", headers={"HX-Request": "true", "HX-History-Restore-Request": "true"}
    )
    assert (
        full.text.startswith("<!doctype html>"),
        fragment.text.lstrip().startswith('<div id="results"'),
        restore.text.startswith("<!doctype html>"),
        fragment.headers["vary"],
    ) == (True, True, True, "Accept, Accept-Language, Cookie, HX-Request, Accept-Encoding, Origin")


def test_page_server_error_is_a_page(seed_kb: KnowledgeBase) -> None:
    app = create_app(seed_kb)

    @app.get("/boom")
    def boom() -> None:
        raise RuntimeError("boom")

    with TestClient(app, raise_server_exceptions=False) as failing:
        response = failing.get("/boom")
    document = parse(response.text)
    assert (response.status_code, document.find("h1").text) == (500, "Something went wrong")


def test_page_french_titles_marked_under_english(client: TestClient) -> None:
    document = parse(client.get("/?q=monnaie&lang=en").text)
    hit = document.find_all("li", cls="hit")[0]
    title = hit.find_all("h3")[0].find_all("span")[1]
    snippet = hit.find_all("p", cls="snippet")[0]
    assert (title.attrs.get("lang"), snippet.attrs.get("lang")) == ("fr", "fr")


def test_page_quality_in_words_sorted_by_line(client: TestClient) -> None:
    page = client.get("/quality.json?lang=fr").json()
    findings = page["reports"][0]["findings"]
    lines = [f["line"] for f in findings if f["line"] is not None]
    kinds = {f["kind"]: f["kind_label"] for f in findings}
    assert (lines == sorted(lines), kinds["missing-field"], findings[0]["severity_label"]) == (
        True,
        "Information manquante",
        {"warning": "Avertissement", "info": "Remarque", "error": "Erreur"}[
            findings[0]["severity"]
        ],
    )


def test_page_person_when_and_where(client: TestClient) -> None:
    page = client.get("/people/xabier-roberti.json?lang=en").json()
    assert (page["appearances"], page["calendar_url"]) == (
        [
            {
                "date": "2018-10-02",
                "day": "Tuesday, October 2, 2018",
                "session": 4,
                "workshop": {
                    "id": "gsef2018-fr/4.2",
                    "label": "4.2 Entreprenariat et innovation sociale",
                    "url": "/workshops/gsef2018-fr/4.2",
                },
                "initiative": {
                    "id": "gsef2018-fr/4.2.1",
                    "label": "4.2.1 Entreprises sociales participatives et syndicats",
                    "url": "/initiatives/gsef2018-fr/4.2.1",
                },
                "role": "Chargé de Missions",
                "time": None,
                "room": None,
            }
        ],
        "/calendar/people/xabier-roberti.ics",
    )


def test_page_workshop_calendar_one_all_day_event(client: TestClient) -> None:
    response = client.get("/calendar/workshops/gsef2018-fr/4.2.ics?lang=en")
    body = response.text.replace("\r\n ", "")
    assert (
        response.status_code,
        response.headers["content-type"],
        body.count("BEGIN:VEVENT"),
        "DTSTART;VALUE=DATE:20181002" in body,
        "Time and room: not stated in the catalogue" in body,
    ) == (200, "text/calendar; charset=utf-8", 1, True, True)


def test_page_person_calendar_lists_their_workshops(client: TestClient) -> None:
    page = client.get("/people/xabier-roberti.json").json()
    body = client.get(page["calendar_url"]).text
    assert body.count("BEGIN:VEVENT") == len({a["workshop"]["id"] for a in page["appearances"]})


def test_quality_page_lists_the_entries_to_review_first(client: TestClient) -> None:
    table = parse(client.get("/quality").text).find("table", "uncertain")
    assert table.find("tbody").texts("tr") == [
        "2.1.1 217 0.65 organisation place no location line found",
        "2.3.1 259 0.70 place no country in the location line",
    ]
