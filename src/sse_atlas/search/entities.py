"""Organisations and people as results: the ones a query names, with their records.

A query that is (or holds) the name of an organisation or person of the collection gets that
entity first, with the initiatives and workshops it presents. Names are matched as the query
understanding found them (:mod:`sse_atlas.search.understand`), then looked up among the
entities by name and alias, accents and case folded.
"""

from __future__ import annotations

import threading
import weakref
from collections.abc import Sequence
from dataclasses import dataclass

from sse_atlas.search.results import EntityHit
from sse_atlas.search.text import fold
from sse_atlas.search.understand import Interpretation
from sse_atlas.store import Repository

ENTITY_TYPES = ("organisation", "person")
RESULT_TYPES = ("initiative", *ENTITY_TYPES)  # initiative: initiatives and workshops


@dataclass(frozen=True)
class _Names:
    stamp: object
    by_name: dict[str, list[EntityHit]]


_CACHE: weakref.WeakKeyDictionary[Repository, _Names] = weakref.WeakKeyDictionary()
_LOCK = threading.Lock()


def _index(repository: Repository, stamp: object) -> dict[str, list[EntityHit]]:
    with _LOCK:
        known = _CACHE.get(repository)
        if known is not None and known.stamp == stamp:
            return known.by_name
    by_name: dict[str, list[EntityHit]] = {}
    for organisation in repository.organisations():
        hit = EntityHit(
            "organisation",
            organisation.id,
            organisation.name,
            tuple(organisation.initiatives),
            tuple(organisation.workshops),
        )
        for name in {organisation.name, *organisation.aliases}:
            by_name.setdefault(fold(name), []).append(hit)
    for person in repository.people():
        hit = EntityHit(
            "person", person.id, person.name, tuple(person.initiatives), tuple(person.workshops)
        )
        for name in {person.name, *person.aliases}:
            by_name.setdefault(fold(name), []).append(hit)
    with _LOCK:
        _CACHE[repository] = _Names(stamp, by_name)
    return by_name


def entities_named(
    repository: Repository,
    stamp: object,
    interpretations: Sequence[Interpretation],
    types: Sequence[str] = ENTITY_TYPES,
) -> tuple[EntityHit, ...]:
    """The organisations and people (of ``types``) the query was read as naming."""
    wanted = [i for i in interpretations if i.kind == "entity"]
    if not wanted or not set(types) & set(ENTITY_TYPES):
        return ()
    by_name = _index(repository, stamp)
    found: dict[str, EntityHit] = {}
    for interpretation in wanted:
        for value in interpretation.values:
            for hit in by_name.get(fold(value), []):
                if hit.kind in types:
                    found.setdefault(hit.id, hit)
    return tuple(found.values())


def parse_types(text: str) -> tuple[str, ...]:
    """``"initiative,person"`` -> ``("initiative", "person")``; a clear error for unknown types."""
    chosen = tuple(dict.fromkeys(t.strip() for t in text.split(",") if t.strip()))
    unknown = [t for t in chosen if t not in RESULT_TYPES]
    if unknown or not chosen:
        raise ValueError(
            f"unknown result type {', '.join(unknown) or '(none)'}: "
            f"use a comma-separated list of {', '.join(RESULT_TYPES)}"
        )
    return chosen
