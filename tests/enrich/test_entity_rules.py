"""An editor's same-as / not-same-as rules win over entity resolution; close calls listed."""

from __future__ import annotations

import copy

from sse_atlas.enrich.entities import Candidate, EntityRule, resolve_entities_with_report
from sse_atlas.ingest.catalogue import ParseResult
from sse_atlas.model import Person


def _people(seed: ParseResult, rules: list[EntityRule]) -> dict[str, Person]:
    _, people, _ = resolve_entities_with_report([copy.deepcopy(seed.catalogue)], rules)
    return {person.id: person for person in people}


def test_same_as_rule_merges_two_people(seed: ParseResult) -> None:
    rule = EntityRule("person", "same-as", "erika-martinez", "maria-martinez")
    people = _people(seed, [rule])
    kept = [pid for pid in ("person/erika-martinez", "person/maria-martinez") if pid in people]
    (merged,) = [people[pid] for pid in kept]
    assert sorted([merged.name, *merged.aliases]) == ["Erika Martínez", "Maria Martínez"]


def test_not_same_as_rule_splits_a_merge(seed: ParseResult) -> None:
    rule = EntityRule("person", "not-same-as", "dwinita-larasati", "tita-larasati")
    people = _people(seed, [rule])
    assert (
        people["person/dwinita-larasati"].aliases,
        people["person/tita-larasati"].name,
    ) == ([], "Tita Larasati")


def test_without_rules_the_merge_stands(seed: ParseResult) -> None:
    assert _people(seed, [])["person/dwinita-larasati"].aliases == ["Tita Larasati"]


def test_rules_for_unknown_keys_change_nothing(seed: ParseResult) -> None:
    rule = EntityRule("person", "same-as", "nobody-here", "dwinita-larasati")
    assert _people(seed, [rule]) == _people(seed, [])


def test_close_names_kept_apart_are_candidates(seed: ParseResult) -> None:
    _, _, report = resolve_entities_with_report([copy.deepcopy(seed.catalogue)])
    people = [c for c in report.candidates if c.entity == "person"]
    assert people[0] == Candidate(
        "person",
        "person/erika-martinez",
        "person/maria-martinez",
        ("Erika Martínez", "Maria Martínez"),
        85.7,
    )
