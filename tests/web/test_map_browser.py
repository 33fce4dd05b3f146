"""The big map in Chromium: place names once zoomed in, and the list of what the view holds."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect

pytestmark = pytest.mark.browser


@pytest.fixture
def page(browser: Browser, live_server: str) -> Iterator[Page]:
    context = browser.new_context(base_url=live_server, viewport={"width": 1280, "height": 900})
    opened = context.new_page()
    opened.set_default_timeout(10_000)
    yield opened
    context.close()


def _zoom_in(page: Page, times: int) -> None:
    page.locator("#map").focus()
    for _ in range(times):
        page.keyboard.press("NumpadAdd")  # Leaflet's keyboard zoom
        page.wait_for_timeout(400)


def test_map_browser_in_view_list_follows_the_view(page: Page) -> None:
    page.goto("/map?lang=fr")
    total = page.evaluate("JSON.parse(document.getElementById('map-points').textContent).length")
    status = page.locator("#in-view [role=status]")
    expect(status).to_have_text(f"{total} initiatives dans la vue de la carte")
    expect(page.locator("#in-view li a").first).to_have_attribute(
        "href", re.compile(r"^/initiatives/gsef2018-fr/")
    )
    _zoom_in(page, 4)
    expect(status).not_to_have_text(f"{total} initiatives dans la vue de la carte")
    shown = int(status.inner_text().split()[0])
    links = page.locator("#in-view li a")
    assert (shown < total, links.count()) == (True, min(shown, 50))


def test_map_browser_place_names_only_zoomed_in(page: Page) -> None:
    page.goto("/map?lang=en")
    places = page.evaluate("JSON.parse(document.getElementById('map-places').textContent)")
    expect(page.locator("#map .leaflet-marker-icon").first).to_be_visible()
    before = page.locator("#map .place-label").count()
    _zoom_in(page, 5)
    expect(page.locator("#map .place-label")).to_have_count(len(places))
    names = page.locator("#map .place-label").all_inner_texts()
    assert (before, sorted(names)) == (0, sorted(p["name"] for p in places))
