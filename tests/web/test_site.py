"""The site's view: one generation for records and search, followed when the store moves."""

from __future__ import annotations

import time
from collections import Counter
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from sse_atlas.kb import KnowledgeBase
from sse_atlas.search import SearchQuery
from sse_atlas.store.reads import GenerationMoved
from sse_atlas.web import create_app
from sse_atlas.web.middleware import GENERATION_HEADER
from sse_atlas.web.settings import ServerSettings
from sse_atlas.web.site import Site, View, ViewOpening
from tests.conftest import copy_files_of

EDITED = "gsef2018-fr/4.2.1"


def test_view_search_built_from_its_own_records(seed_kb: KnowledgeBase) -> None:
    view = View.load(seed_kb)
    indexed = sorted(d.id for d in view.engine.documents if d.kind == "initiative")
    assert (indexed, view.generation) == (
        sorted(view.snapshot.initiatives),
        seed_kb.repository.generation(),
    )


def test_view_similar_of_an_unknown_id_is_empty(seed_kb: KnowledgeBase) -> None:
    assert View.load(seed_kb).similar("gsef2018-fr/99.9") == []


def test_view_dataset_holds_every_record(seed_kb: KnowledgeBase) -> None:
    dataset = View.load(seed_kb).dataset()
    assert (
        [c.id for c in dataset.catalogues],
        len(dataset.organisations),
        len(dataset.people),
    ) == (
        [c.id for c in seed_kb.catalogues()],
        len(seed_kb.organisations()),
        len(seed_kb.people()),
    )


def _title(view: View) -> tuple[str, list[str]]:
    """The edited record's title in the view's records and in its search."""
    hits = view.search(SearchQuery(text="Renamed by a curator", limit=5)).hits
    return view.snapshot.initiatives[EDITED].title, [h.title for h in hits if h.id == EDITED]


def test_site_refresh_moves_to_the_new_generation(seed_kb: KnowledgeBase, tmp_path: Path) -> None:
    path = copy_files_of(seed_kb, tmp_path)
    with KnowledgeBase.open(path) as served, KnowledgeBase.open(path) as writer:
        site = Site(served, check_every=3600)
        before = site.current()
        writer.edit(EDITED, "title", "Renamed by a curator")
        unchanged = site.current()  # no check is due yet
        after = site.refresh()
        assert (unchanged is before, after.generation, _title(after)) == (
            True,
            writer.repository.generation(),
            ("Renamed by a curator", ["Renamed by a curator"]),
        )
        # the old view never shows the new record: it says the store moved on
        with pytest.raises(GenerationMoved):
            before.snapshot.initiatives.get(EDITED)


def test_site_follows_the_store_in_the_background(seed_kb: KnowledgeBase, tmp_path: Path) -> None:
    path = copy_files_of(seed_kb, tmp_path)
    with KnowledgeBase.open(path) as served, KnowledgeBase.open(path) as writer:
        site = Site(served, check_every=0)
        writer.edit(EDITED, "title", "Renamed by a curator")
        wanted = writer.repository.generation()
        deadline = time.monotonic() + 30
        while site.current().generation != wanted and time.monotonic() < deadline:
            time.sleep(0.02)
        site.close()
        assert _title(site.current()) == ("Renamed by a curator", ["Renamed by a curator"])


def test_request_meeting_a_newer_generation_is_answered_from_it(
    seed_kb: KnowledgeBase, tmp_path: Path
) -> None:
    path = copy_files_of(seed_kb, tmp_path)
    with KnowledgeBase.open(path) as served, KnowledgeBase.open(path) as writer:
        app = create_app(served, ServerSettings(check_every=3600, cache_mb=0))
        with TestClient(app) as client:
            before = client.get("/api/v1/stats").headers[GENERATION_HEADER]
            writer.edit(EDITED, "title", "Renamed by a curator")
            # the site has not looked at the store: the request starts on the old view, whose
            # read of the record finds the store moved on, and is answered again from the new one
            answer = client.get(f"/api/v1/initiatives/{EDITED}")
        assert (answer.status_code, answer.headers[GENERATION_HEADER], answer.json()["title"]) == (
            200,
            str(writer.repository.generation()),
            "Renamed by a curator",
        )
        assert int(before) < writer.repository.generation()


def test_view_statistics_tallies_equal_counts_of_the_records(seed_kb: KnowledgeBase) -> None:
    view = View.load(seed_kb)
    initiatives = seed_kb.initiatives()
    countries = Counter(i.place.country_code or "unknown" for i in initiatives)
    themes = Counter(t for i in initiatives for t in i.themes or ["unknown"])
    days = Counter(i.date.isoformat() if i.date else "unknown" for i in initiatives)
    tallies = view.snapshot.tallies
    assert (tallies["country"], tallies["theme"], tallies["day"]) == (countries, themes, days)


def test_site_after_a_move_waits_for_the_new_view_at_most_the_time_given(
    seed_kb: KnowledgeBase, tmp_path: Path
) -> None:
    path = copy_files_of(seed_kb, tmp_path)
    with KnowledgeBase.open(path) as served, KnowledgeBase.open(path) as writer:
        site = Site(served, check_every=3600)
        old = site.current()
        writer.edit(EDITED, "title", "Renamed by a curator")
        with pytest.raises(ViewOpening):
            site.after(old, 0)  # not opened yet, and no time to wait
        opened = site.after(old, 30)
        site.close()
        assert (opened.generation, site.current() is opened) == (
            writer.repository.generation(),
            True,
        )
