"""The whole curation flow in Debian's Chromium: an admin creates an editor, who fixes a title,
merges the two records of one person and reverts a change; an anonymous visitor suggests a
correction that the editor accepts; the history shows it all, and a re-ingest keeps it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi import FastAPI
from playwright.sync_api import Browser, Page, expect

from sse_atlas.kb import KnowledgeBase
from sse_atlas.store.curation_types import Role
from sse_atlas.web import create_app
from tests.conftest import SEED, copy_of
from tests.web.conftest import CURATION_PASSWORD, serve_in_thread

pytestmark = pytest.mark.browser
TIMEOUT = 20_000
RECORD = "/initiatives/gsef2018-fr/5.1.1"


@pytest.fixture(scope="module")
def flow_kb(
    seed_kb: KnowledgeBase, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[KnowledgeBase]:
    kb = copy_of(seed_kb, tmp_path_factory.mktemp("flow"))
    kb.repository.curation.add_user("organiser", CURATION_PASSWORD, Role.ADMIN)
    yield kb
    kb.close()


@pytest.fixture(scope="module")
def flow_app(flow_kb: KnowledgeBase) -> FastAPI:
    return create_app(flow_kb)


@pytest.fixture(scope="module")
def flow_server(flow_app: FastAPI) -> Iterator[str]:
    yield from serve_in_thread(flow_app)


def _page(browser: Browser, base_url: str) -> Page:
    context = browser.new_context(base_url=base_url, locale="en-GB")
    opened = context.new_page()
    opened.set_default_timeout(TIMEOUT)
    return opened


def _sign_in(page: Page, name: str) -> None:
    page.goto("/login")
    page.fill("#name", name)
    page.fill("#password", CURATION_PASSWORD)
    page.click("form.curation-form button[type=submit]")
    expect(page.locator(".curation-bar")).to_contain_text(f"Signed in as {name}")


def test_curation_whole_flow(
    browser: Browser, flow_server: str, flow_kb: KnowledgeBase, flow_app: FastAPI, tmp_path: Path
) -> None:
    admin = _page(browser, flow_server)
    _sign_in(admin, "organiser")
    admin.fill("#new-name", "camille")
    admin.fill("#new-password", CURATION_PASSWORD)
    admin.select_option("#new-role", "editor")
    admin.click("text=Create")
    expect(admin.locator("#account-camille")).to_contain_text("editor")

    editor = _page(browser, flow_server)
    _sign_in(editor, "camille")
    editor.goto(RECORD)
    editor.click("nav.record-tabs >> text=Edit")
    editor.fill("input[name=title]", "Titre corrigé")
    editor.fill("#reason", "typo in the catalogue")
    editor.click("text=Save")
    expect(editor.locator("table.history")).to_contain_text("Titre corrigé")
    editor.goto(RECORD)
    expect(editor.locator("h1")).to_have_text("Titre corrigé")

    editor.goto("/people/erika-martinez")
    editor.click("text=Merge or split")
    editor.fill("#other", "person/maria-martinez")
    editor.fill("#merge-reason", "one person, first name misprinted")
    editor.click("form >> text=Merge")
    expect(editor.locator("#h-decisions + ul")).to_contain_text("is the same as")

    visitor = _page(browser, flow_server)
    visitor.goto(RECORD)
    visitor.click("text=Suggest a correction")
    visitor.select_option("#field", "description")
    visitor.fill("#value", "Une meilleure description.")
    visitor.fill("#message", "I ran this project")
    visitor.fill("#suggester", "Zoé")
    visitor.click("text=Send")
    expect(visitor.locator("p.notice")).to_contain_text("Thank you")

    editor.goto("/curation")
    suggestion = editor.locator("article.suggestion").first
    expect(suggestion).to_contain_text("I ran this project")
    suggestion.locator("input[name=reason]").first.fill("confirmed by the presenter")
    suggestion.locator("text=Accept").click()

    editor.goto(f"{RECORD}/history")
    first_change = editor.locator("table.history tbody tr").last
    first_change.locator("input[name=reason]").fill("the printed title was right")
    first_change.locator("text=Revert").click()
    history = editor.locator("table.history")
    expect(history).to_contain_text("suggested by Zoé")
    expect(history).to_contain_text("reverts #1")
    expect(history).to_contain_text("typo in the catalogue")

    flow_kb.ingest([SEED])  # a re-ingest keeps the changes and the merge
    flow_app.state.site.refresh()
    editor.goto(RECORD)
    expect(editor.locator(".description")).to_have_text("Une meilleure description.")
    people = {person.id for person in flow_kb.people()}
    assert len({"person/erika-martinez", "person/maria-martinez"} & people) == 1
