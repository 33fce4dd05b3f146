"""The KnowledgeBase facade on the seed catalogue."""

from __future__ import annotations

from pathlib import Path

import pytest

from sse_atlas.ingest.lines import DocumentError
from sse_atlas.kb import KnowledgeBase
from sse_atlas.store import StoreError
from tests.conftest import SEED


def test_kb_initiative_by_id(seed_kb: KnowledgeBase) -> None:
    initiative = seed_kb.initiative("gsef2018-fr/7.1.4")
    assert initiative is not None
    assert (initiative.title, initiative.organisation, initiative.place.city) == (
        "Monnaie sociale MUMBUCA",
        "Mairie de Maricá",
        "Maricá",
    )


def test_kb_unknown_ids_are_none(seed_kb: KnowledgeBase) -> None:
    assert (
        seed_kb.initiative("gsef2018-fr/99.9.9"),
        seed_kb.workshop("nope/1.1"),
        seed_kb.organisation("organisation/nope"),
        seed_kb.person("person/nope"),
    ) == (None, None, None, None)


def test_kb_presenters_link_to_people(seed_kb: KnowledgeBase) -> None:
    initiative = seed_kb.initiative("gsef2018-fr/1.3.4")
    assert initiative is not None
    ids = [p.person_id for p in initiative.presenters]
    people = [seed_kb.person(i) for i in ids if i]
    assert [(p.name, p.initiatives) for p in people if p] == [
        ("Alan Southern", ["gsef2018-fr/1.3.4"]),
        ("Helen Heap", ["gsef2018-fr/1.3.4"]),
    ]


def test_kb_organisation_across_initiatives(seed_kb: KnowledgeBase) -> None:
    initiative = seed_kb.initiative("gsef2018-fr/4.3.4")
    assert initiative is not None and initiative.organisation_id is not None
    organisation = seed_kb.organisation(initiative.organisation_id)
    assert organisation is not None
    assert (organisation.name, organisation.initiatives) == (
        "REAS Euskadi",
        ["gsef2018-fr/4.3.4", "gsef2018-fr/8.1.3"],
    )


def test_kb_bad_document_changes_nothing(fresh_kb: KnowledgeBase, tmp_path: Path) -> None:
    fresh_kb.ingest([SEED])
    before = fresh_kb.repository.counts()
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\xff\xfe\x00\x01")
    with pytest.raises(DocumentError):
        fresh_kb.ingest([SEED, bad])
    assert fresh_kb.repository.counts() == before


def test_kb_stats_stated_beside_found(seed_kb: KnowledgeBase) -> None:
    checks = {c.name: (c.stated, c.found) for c in seed_kb.stats().stated["gsef2018-fr"]}
    assert (checks["initiatives"], checks["coordinated_workshops"]) == ((102, 102), (13, 13))


def test_kb_read_at_one_generation_reads_again_after_a_write(fresh_kb: KnowledgeBase) -> None:
    seen: list[int] = []

    def read(kb: KnowledgeBase) -> int:
        seen.append(kb.repository.generation())
        if len(seen) == 1:
            kb.repository.replace_entities([], [])  # a write lands during the first read
        return len(seen)

    first = fresh_kb.repository.generation()
    assert fresh_kb.read_at_one_generation(read) == (first + 1, 2)
    assert seen == [first, first + 1]


def test_kb_read_at_one_generation_gives_up_on_a_store_always_written(
    fresh_kb: KnowledgeBase,
) -> None:
    def read(kb: KnowledgeBase) -> None:
        kb.repository.replace_entities([], [])

    with pytest.raises(StoreError) as raised:
        fresh_kb.read_at_one_generation(read, attempts=3)
    assert str(raised.value) == f"{fresh_kb.location}: the store changed during 3 reads in a row"
