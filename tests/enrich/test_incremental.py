"""Entity resolution of added catalogues against the stored clusters equals a full one."""

from __future__ import annotations

import copy
import json
import random
from pathlib import Path

import pytest

from sse_atlas.enrich.entities import resolve_entities_with_report
from sse_atlas.enrich.incremental import person_tight_blocks
from sse_atlas.enrich.mentions import iter_involvements
from sse_atlas.ingest.catalogue import ParseResult
from sse_atlas.kb import KnowledgeBase
from sse_atlas.model import (
    Catalogue,
    Dataset,
    Initiative,
    Involvement,
    Organisation,
    Person,
    Place,
    WorkshopKind,
)
from sse_atlas.model.interchange import dataset_to_document
from tests.conftest import SEED

NICKNAMES = {"Jean": "Jeannot", "Marie": "Mimi", "Juan": "Juanito"}


def _respelt(name: str, rng: random.Random) -> str:
    """A name as another catalogue may print it: a letter dropped, a name added or shortened."""
    words = name.split()
    choice = rng.randrange(6)
    if choice == 0 and len(words[-1]) > 4:
        cut = rng.randrange(1, len(words[-1]) - 1)
        words[-1] = words[-1][:cut] + words[-1][cut + 1 :]
    elif choice == 1 and len(words) >= 2:
        words.insert(1, rng.choice(["Carlos", "Maria", "Ana"]))
    elif choice == 2 and len(words) >= 3:
        del words[1]
    elif choice == 3 and words[0] in NICKNAMES:
        words[0] = NICKNAMES[words[0]]
    return " ".join(words)


def _copy(seed: Catalogue, number: int, rng: random.Random) -> Catalogue:
    """A few initiatives and a panel of the seed under a new id, names respelt now and then."""
    catalogue = Catalogue(id=f"copy{number:03d}", language="fr", title=seed.title)
    for initiative in rng.sample(seed.initiatives, 3):
        copied = copy.deepcopy(initiative)
        copied.catalogue = catalogue.id
        copied.organisation_id, copied.workshop = None, None
        if copied.organisation and rng.random() < 0.3:
            copied.organisation = _respelt(copied.organisation, rng)
        for presenter in copied.presenters:
            presenter.person_id = None
            if rng.random() < 0.5:
                presenter.name = _respelt(presenter.name, rng)
        catalogue.initiatives.append(copied)
    panels = [w for w in seed.workshops if w.kind is WorkshopKind.COORDINATED]
    panel = copy.deepcopy(rng.choice(panels))
    panel.catalogue, panel.initiatives = catalogue.id, []
    for _, _, who in iter_involvements(Catalogue(id="", workshops=[panel])):
        who.person_id = None
        if rng.random() < 0.3:
            who.name = _respelt(who.name, rng)
    catalogue.workshops.append(panel)
    return catalogue


def _file(folder: Path, catalogues: list[Catalogue]) -> Path:
    path = folder / f"{catalogues[0].id}-{len(catalogues)}.json"
    document = dataset_to_document(Dataset(catalogues=catalogues))
    path.write_text(json.dumps(document, ensure_ascii=False), "utf-8")
    return path


def _state(kb: KnowledgeBase) -> tuple[list[Organisation], list[Person], list[object]]:
    """The stored entities and every id the stored records carry."""
    catalogues = kb.repository.catalogues(with_edits=False)
    return kb.organisations(), kb.people(), _record_ids(catalogues)


def _record_ids(catalogues: list[Catalogue]) -> list[object]:
    found: list[object] = []
    for catalogue in catalogues:
        found += [(i.id, i.organisation_id) for i in catalogue.initiatives]
        found += [
            (record, path, who.person_id) for record, path, who in iter_involvements(catalogue)
        ]
    return found


def _full(kb: KnowledgeBase) -> tuple[list[Organisation], list[Person], list[object]]:
    """What a full resolution over every stored catalogue gives."""
    catalogues = kb.repository.catalogues(with_edits=False)
    rules = [rule.as_rule() for rule in kb.repository.curation.rules()]
    organisations, people, _ = resolve_entities_with_report(catalogues, rules)
    return organisations, people, _record_ids(catalogues)


def test_person_tight_blocks_of_a_one_word_name_are_none() -> None:
    assert (person_tight_blocks("tita"), person_tight_blocks("ana-diaz")) == (
        set(),
        {"2:*:diaz", "2:ana:*", "ext:ana:diaz"},
    )


@pytest.mark.parametrize("batch", [1, 7])
def test_incremental_resolution_equals_a_full_one_over_perturbed_copies(
    fresh_kb: KnowledgeBase, seed: ParseResult, tmp_path: Path, batch: int
) -> None:
    rng = random.Random(batch)
    copies = [_copy(seed.catalogue, n, rng) for n in range(70 if batch == 1 else 210)]
    fresh_kb.ingest([SEED], index=False)
    for begin in range(0, len(copies), batch):
        fresh_kb.ingest([_file(tmp_path, copies[begin : begin + batch])], index=False)
    # a catalogue ingested again with other names: its earlier mentions go
    again = _copy(seed.catalogue, 999, rng)
    again.id = copies[3].id
    for initiative in again.initiatives:
        initiative.catalogue = again.id
    for workshop in again.workshops:
        workshop.catalogue = again.id
    fresh_kb.ingest([_file(tmp_path, [again])], index=False)
    assert _state(fresh_kb) == _full(fresh_kb)


def test_incremental_resolution_keeps_an_editors_rules(
    fresh_kb: KnowledgeBase, seed: ParseResult, tmp_path: Path
) -> None:
    rng = random.Random(5)
    fresh_kb.ingest([SEED], index=False)
    people = fresh_kb.people()
    curation = fresh_kb.curation
    curation.merge(people[0].id, people[1].id, author="editor", reason="the same person")
    merged = next(p for p in fresh_kb.people() if p.aliases and p.id != people[0].id)
    curation.split(merged.id, merged.aliases[0], author="editor", reason="someone else")
    for n in range(20):
        fresh_kb.ingest([_file(tmp_path, [_copy(seed.catalogue, n, rng)])], index=False)
    assert _state(fresh_kb) == _full(fresh_kb)


def test_incremental_resolution_writes_a_first_index_of_a_store_without_one(
    fresh_kb: KnowledgeBase, seed: ParseResult, tmp_path: Path
) -> None:
    rng = random.Random(9)
    fresh_kb.ingest([SEED], index=False)
    fresh_kb.enrich()  # a full resolution: the stored clusters are written again next time
    fresh_kb.ingest([_file(tmp_path, [_copy(seed.catalogue, n, rng) for n in range(5)])])
    assert (fresh_kb.repository.entity_index().ready(), _state(fresh_kb)) == (
        True,
        _full(fresh_kb),
    )


def test_incremental_resolution_equals_a_full_one_on_either_store(
    store_target: str, seed: ParseResult, tmp_path: Path
) -> None:
    rng = random.Random(3)
    with KnowledgeBase.open(store_target) as kb:
        kb.ingest([SEED], index=False)
        copies = [_copy(seed.catalogue, n, rng) for n in range(30)]
        for begin in range(0, len(copies), 5):
            kb.ingest([_file(tmp_path, copies[begin : begin + 5])], index=False)
        assert _state(kb) == _full(kb)


def _one(catalogue_id: str, organisation: str, person: str) -> Catalogue:
    initiative = Initiative(
        code="1.1.1",
        title=f"Initiative {catalogue_id}",
        catalogue=catalogue_id,
        organisation=organisation,
        place=Place(city="Lyon", country_code="FR"),
        presenters=[Involvement(name=person)],
    )
    return Catalogue(id=catalogue_id, language="fr", initiatives=[initiative])


def test_incremental_resolution_of_a_catalogue_taking_back_a_merged_name(
    fresh_kb: KnowledgeBase, tmp_path: Path
) -> None:
    fresh_kb.ingest([_file(tmp_path, [_one("a", "Réseau Alpha", "Marie Dupont")])], index=False)
    fresh_kb.ingest([_file(tmp_path, [_one("b", "Réseau Alpha", "Marie Dupond")])], index=False)
    merged = [p.aliases for p in fresh_kb.people()]
    fresh_kb.ingest([_file(tmp_path, [_one("b", "Réseau Beta", "Jean Martin")])], index=False)
    assert (merged, [p.aliases for p in fresh_kb.people()], _state(fresh_kb)) == (
        [["Marie Dupont"]],
        [[], []],
        _full(fresh_kb),
    )
