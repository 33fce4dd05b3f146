"""Catalogue text in another language than the interface carries its ``lang`` (WCAG 3.1.2)."""

from __future__ import annotations

from fastapi.testclient import TestClient

from .html import parse


def test_workshop_page_title_and_description_lang_under_english(client: TestClient) -> None:
    document = parse(client.get("/workshops/gsef2018-fr/2.4?lang=en").text)
    article = document.find("article")
    assert (
        article.find("h1").attrs.get("lang"),
        article.find("p", cls="description").attrs.get("lang"),
    ) == ("fr", "fr")


def test_programme_workshop_titles_lang_under_spanish(client: TestClient) -> None:
    document = parse(client.get("/programme/gsef2018-fr?lang=es").text)
    titles = [h.find("a").find_all("span")[1] for h in document.find_all("h4")]
    assert (len(titles), {t.attrs.get("lang") for t in titles}) == (42, {"fr"})


def test_person_page_workshop_titles_lang(client: TestClient) -> None:
    moderator = client.get("/workshops/gsef2018-fr/2.4.json?lang=en").json()["moderator"]
    page = parse(client.get(f"{moderator['url']}?lang=en").text)
    links = [a for a in page.find_all("a") if a.attrs.get("href") == "/workshops/gsef2018-fr/2.4"]
    # the list of workshops (title in a span) and the table of when and where (the whole link)
    marked = [(a.find_all("span")[1:] or [a])[0].attrs.get("lang") for a in links]
    assert marked == ["fr", "fr"]
