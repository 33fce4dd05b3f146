"""Every page kind at phone, tablet and desktop widths, in Debian's Chromium: nothing is wider
than the screen, and a screenshot of each at two widths goes to artifacts/web/layout/."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page

from tests.web.conftest import ARTIFACTS

pytestmark = pytest.mark.browser

WIDTHS = (360, 768, 1366)
SHOT_WIDTHS = (360, 1366)
PAGE_KINDS = {
    "search": "/?q=monnaie+sociale",
    "search-empty": "/?q=zzqxwv",
    "initiative": "/initiatives/gsef2018-fr/4.2.1",
    "workshop": "/workshops/gsef2018-fr/4.2",
    "organisation": "/organisations/groupe-terre",
    "person": "/people/xabier-roberti",
    "country": "/countries/es",
    "countries": "/countries",
    "organisations": "/organisations",
    "people": "/people",
    "programme": "/programme/gsef2018-fr",
    "map": "/map",
    "stats": "/stats",
    "quality": "/quality",
    "about": "/about",
    "api-docs": "/api/v1/docs",
    "not-found": "/initiatives/gsef2018-fr/99.9.9",
}
# the widest element's right edge beyond the viewport, and what it is; what scrolls or is clipped
# inside a box of its own (a wide table, the map's tiles) does not widen the page
_OVERFLOW = """() => {
  const width = document.documentElement.clientWidth;
  const inBox = (el) => {
    for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
      if (getComputedStyle(p).overflowX !== "visible") return true;
    }
    return false;
  };
  let worst = [document.documentElement.scrollWidth - width, "document"];
  for (const el of document.querySelectorAll("body *")) {
    const right = el.getBoundingClientRect().right - width;
    if (right > worst[0] && getComputedStyle(el).position !== "fixed" && !inBox(el)) {
      worst = [right, el.tagName.toLowerCase() + (el.className ? "." + el.className : "")];
    }
  }
  return worst;
}"""


@pytest.fixture(scope="module")
def pages(browser: Browser, live_server: str) -> Iterator[dict[int, Page]]:
    """One page per width, reused for every page kind."""
    contexts = [
        browser.new_context(
            base_url=live_server, viewport={"width": width, "height": 800}, locale="en-GB"
        )
        for width in WIDTHS
    ]
    opened = {width: context.new_page() for width, context in zip(WIDTHS, contexts, strict=True)}
    yield opened
    for context in contexts:
        context.close()


def _overflow(page: Page, path: str) -> tuple[float, str]:
    page.goto(path, wait_until="load")
    right, element = page.evaluate(_OVERFLOW)
    return round(float(right)), str(element)


@pytest.mark.parametrize("width", WIDTHS)
def test_layout_no_page_wider_than_the_screen(pages: dict[int, Page], width: int) -> None:
    page = pages[width]
    wider = {}
    for kind, path in PAGE_KINDS.items():
        right, element = _overflow(page, f"{path}{'&' if '?' in path else '?'}lang=en")
        if right > 0:
            wider[kind] = f"{element} by {right}px"
        if width in SHOT_WIDTHS:
            (ARTIFACTS / "layout").mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(ARTIFACTS / "layout" / f"{kind}-{width}.png"))
    assert wider == {}
