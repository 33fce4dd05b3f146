"""End to end in Debian's Chromium: what a visitor does, with screenshots in artifacts/web/."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.web.conftest import ARTIFACTS

pytestmark = pytest.mark.browser
TIMEOUT = 10_000


@pytest.fixture
def page(browser: Browser, live_server: str) -> Iterator[Page]:
    context = browser.new_context(
        base_url=live_server, viewport={"width": 1280, "height": 900}, locale="en-GB"
    )
    opened = context.new_page()
    opened.set_default_timeout(TIMEOUT)
    problems: list[str] = []
    opened.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    opened.on("pageerror", lambda error: problems.append(str(error)))
    opened.problems = problems  # type: ignore[attr-defined]
    yield opened
    context.close()


def _shot(page: Page, name: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=False)


def _problems(page: Page) -> list[str]:
    found: list[str] = page.problems  # type: ignore[attr-defined]
    return found


def test_browser_search_facet_initiative_person_map_programme(page: Page) -> None:
    page.goto("/")
    page.fill("#q", "coopérative")
    expect(page.locator("#results-heading")).to_contain_text(re.compile(r"\d+ results"))
    expect(page).to_have_url(re.compile(r"q=coop"))
    _shot(page, "1-search")

    spain = page.locator("#facet-country a.facet-toggle", has_text="Spain")
    spain.click()
    expect(page.locator(".active-filters")).to_contain_text("Country: Spain")
    expect(page).to_have_url(re.compile(r"country=ES"))
    _shot(page, "2-facet")

    first = page.locator("ol.hits li.hit h3 a").first
    title = first.inner_text()
    first.click()
    expect(page).to_have_url(re.compile(r"/initiatives/gsef2018-fr/"))
    expect(page.locator("h1")).to_have_text(title.split(" ", 1)[1])
    expect(page.locator(".minimap path.leaflet-interactive, .minimap path").first).to_be_attached()
    _shot(page, "3-initiative")

    presenter = page.locator("ul.people a[href^='/people/']").first
    name = presenter.inner_text()
    presenter.click()
    expect(page.locator("h1")).to_have_text(name)
    _shot(page, "4-person")

    page.click("nav.sections >> text=Map")
    expect(page.locator("#map .leaflet-overlay-pane path").first).to_be_attached()
    expect(page.locator("#map .marker-cluster, #map .leaflet-marker-icon").first).to_be_visible()
    _shot(page, "5-map")

    page.click("nav.sections >> text=Programme")
    expect(page.locator("details.day")).to_have_count(3)
    expect(page.locator("section.workshop-coordinated")).to_have_count(13)
    _shot(page, "6-programme")
    assert _problems(page) == []


def test_browser_map_popup_links_to_page(page: Page) -> None:
    page.goto("/map")
    expect(page.locator("#map .leaflet-overlay-pane path").first).to_be_attached()
    marker = page.locator("#map .leaflet-marker-icon:not(.marker-cluster)").first
    marker.click()
    link = page.locator(".leaflet-popup-content a").first
    expect(link).to_have_attribute("href", re.compile(r"^/initiatives/gsef2018-fr/"))
    expect(page.locator(".leaflet-popup")).to_have_css("opacity", "1")
    _shot(page, "7-map-popup")
    assert _problems(page) == []


def test_browser_language_switcher(page: Page) -> None:
    page.goto("/")
    page.click("nav.languages >> text=Français")
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    expect(page.locator("label[for=q]")).to_have_text("Que cherchez-vous ?")
    page.click("nav.sections >> text=Statistiques")
    expect(page.locator("h1")).to_have_text("Statistiques")
    _shot(page, "8-francais")
    page.click("nav.languages >> text=Español")
    expect(page.locator("h1")).to_have_text("Estadísticas")
    assert _problems(page) == []


def test_browser_phone_keyboard(browser: Browser, live_server: str) -> None:
    context = browser.new_context(base_url=live_server, viewport={"width": 375, "height": 740})
    page = context.new_page()
    page.set_default_timeout(TIMEOUT)
    page.goto("/initiatives/gsef2018-fr/4.2.1")
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    page.keyboard.press("Tab")
    skip = page.evaluate("document.activeElement.textContent")
    page.keyboard.press("Enter")
    _shot(page, "9-phone")
    context.close()
    assert (overflow, skip) == (0, "Skip to content")


def test_browser_api_docs_draw_every_operation_under_the_csp(page: Page) -> None:
    page.goto("/api/v1/docs")
    operations = page.locator("#swagger-ui .opblock")
    expect(operations.first).to_be_visible()
    endpoints = page.locator("table.endpoints tbody tr")
    operations.first.locator(".opblock-summary").click()
    expect(page.locator("#swagger-ui .opblock .parameters").first).to_be_visible()
    page.locator("#swagger-ui .opblock").first.screenshot(path=str(ARTIFACTS / "10-api-docs.png"))
    assert (operations.count(), _problems(page)) == (endpoints.count(), [])
