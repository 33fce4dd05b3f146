"""axe-core (vendored from npm by scripts/vendor-frontend, never served) on every page kind in
each interface language, in Debian's Chromium: no violation of WCAG 2.x A and AA rules."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page

from tests.web.test_layout import PAGE_KINDS

pytestmark = pytest.mark.browser

AXE = Path(__file__).parent / "vendor" / "axe-core" / "axe.min.js"
LANGUAGES = ("fr", "en", "es")
_RUN = """async () => {
  const result = await axe.run(document, {
    runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]},
    resultTypes: ["violations"],
  });
  const where = (v) => v.nodes.slice(0, 3).map(n => n.target.join(" ")).join(" | ");
  return result.violations.map(v => v.id + ": " + where(v));
}"""


@pytest.fixture(scope="module")
def axe_page(browser: Browser, live_server: str) -> Iterator[Page]:
    # the app's CSP allows no injected script: the checker's page is allowed to bypass it
    context = browser.new_context(
        base_url=live_server, viewport={"width": 1366, "height": 800}, bypass_csp=True
    )
    opened = context.new_page()
    yield opened
    context.close()


@pytest.mark.parametrize("language", LANGUAGES)
def test_accessibility_axe_no_violation_on_any_page(axe_page: Page, language: str) -> None:
    found = {}
    for kind, path in PAGE_KINDS.items():
        axe_page.goto(f"{path}{'&' if '?' in path else '?'}lang={language}", wait_until="load")
        axe_page.add_script_tag(path=str(AXE))
        violations = axe_page.evaluate(_RUN)
        if violations:
            found[kind] = violations
    assert found == {}, "\n".join(f"{k}: {v}" for k, v in found.items())
