"""Merging and splitting people from the web app; the decisions outlive a re-ingest."""

from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient

from sse_atlas.kb import KnowledgeBase
from sse_atlas.store.curation_types import FieldChange, Role
from sse_atlas.web import create_app
from tests.conftest import SEED, copy_of
from tests.web.conftest import CURATION_PASSWORD
from tests.web.test_curation_pages import _csrf, _sign_in


def test_merge_from_the_entity_page_then_split_back(
    curation_client: TestClient, curation_kb: KnowledgeBase
) -> None:
    token = _sign_in(curation_client, "editor")
    page = curation_client.get("/curation/entities?id=person/erika-martinez").text
    merged = curation_client.post(
        "/curation/entities/merge",
        data={
            "csrf": token,
            "id": "person/erika-martinez",
            "other": "person/maria-martinez",
            "reason": "same person, first name misprinted",
        },
        follow_redirects=False,
    )
    after_merge = {p.id: p for p in curation_kb.people()}
    survivor = after_merge.get("person/maria-martinez") or after_merge["person/erika-martinez"]
    split = curation_client.post(
        "/curation/entities/split",
        data={
            "csrf": token,
            "id": survivor.id,
            "name": survivor.aliases[0],
            "reason": "two people after all",
        },
        follow_redirects=False,
    )
    after_split = {p.id for p in curation_kb.people()}
    decisions = curation_client.get(f"/curation/entities.json?id={survivor.id}").json()["rules"]
    assert ("Maria Martínez" in page, merged.status_code, split.status_code) == (True, 303, 303)
    assert sorted([survivor.name, *survivor.aliases]) == ["Erika Martínez", "Maria Martínez"]
    assert {"person/erika-martinez", "person/maria-martinez"} <= after_split
    assert [(d["kind"], d["withdrawn"]) for d in decisions] == [
        ("not-same-as", False),
        ("same-as", True),
    ]


def test_merge_needs_an_editor(curation_client: TestClient) -> None:
    token = _csrf(curation_client, "/login")
    form = {"csrf": token, "id": "person/erika-martinez", "other": "person/maria-martinez"}
    answer = curation_client.post("/curation/entities/merge", data={**form, "reason": "r"})
    assert answer.status_code == 401


def test_merge_with_an_unknown_record_is_404(curation_client: TestClient) -> None:
    token = _sign_in(curation_client, "editor")
    form = {"csrf": token, "id": "person/erika-martinez", "other": "person/nobody", "reason": "r"}
    answer = curation_client.post("/curation/entities/merge", data=form)
    assert (answer.status_code, "no organisation or person with id" in answer.text) == (404, True)


def test_reingest_keeps_edits_and_merges(seed_kb: KnowledgeBase, tmp_path: Path) -> None:
    kb = copy_of(seed_kb, tmp_path)
    try:
        kb.curation.change(
            "gsef2018-fr/6.3.3", [FieldChange("title", "Gardé")], author="ed", reason="r"
        )
        kb.curation.merge(
            "person/erika-martinez", "person/maria-martinez", author="ed", reason="same"
        )
        kb.ingest([SEED])
        people = {p.id for p in kb.people()}
        initiative = kb.initiative("gsef2018-fr/6.3.3")
        assert (
            len({"person/erika-martinez", "person/maria-martinez"} & people),
            initiative and initiative.title,
            len(kb.repository.curation.changes()),
        ) == (1, "Gardé", 1)
    finally:
        kb.close()


def test_reingest_with_another_printed_value_flags_the_change_for_review(
    seed_kb: KnowledgeBase, tmp_path: Path
) -> None:
    kb = copy_of(seed_kb, tmp_path)
    try:
        record = "gsef2018-fr/1.1.2"
        kb.curation.change(record, [FieldChange("title", "Corrigé")], author="ed", reason="r")
        kb.repository.curation.add_user("ed", CURATION_PASSWORD, Role.EDITOR)
        reprinted = tmp_path / "catalogue" / SEED.name
        reprinted.parent.mkdir()
        text = SEED.read_text(encoding="utf-8")
        reprinted.write_text(
            text.replace("1.1.2 Innovation sociale", "1.1.2 Innovation sociale réimprimée"),
            encoding="utf-8",
        )
        kb.ingest([reprinted])
        with TestClient(create_app(kb)) as client:
            history = client.get("/initiatives/gsef2018-fr/1.1.2/history.json").json()
            _sign_in(client, "ed")
            review = client.get("/curation.json").json()["review"]
        assert ([c["reprinted"] for c in history["changes"]], [r["id"] for r in review]) == (
            [True],
            [record],
        )
    finally:
        kb.close()
