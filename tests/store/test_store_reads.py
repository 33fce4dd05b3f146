"""Reads on demand: the repository's own answers, one statement each, at one generation."""

from __future__ import annotations

import dataclasses
import sqlite3

import pytest

from sse_atlas.store import SQLiteRepository, reads
from sse_atlas.store.reads import GenerationMoved, StoreReads
from sse_atlas.store.sql import SQLRepository
from tests.store.conftest import CATALOGUE_ID

FIRST = "gsef2018-fr/4.2.1"


def test_reads_records_equal_the_repository_records_with_edits(filled: SQLRepository) -> None:
    filled.record_edit(FIRST, "title", "Chantier (titre revu)")
    found = StoreReads(filled)
    ids = [i.id for i in filled.initiatives()]
    assert found.records("initiative", [*ids, "nowhere/1"], filled.generation()) == {
        i: filled.initiative(i) for i in ids
    }


def test_reads_records_of_an_older_generation_raise(filled: SQLRepository) -> None:
    before = filled.generation()
    filled.record_edit(FIRST, "title", "Chantier (titre revu)")
    with pytest.raises(GenerationMoved) as moved:
        StoreReads(filled).records("initiative", [FIRST], before)
    assert (moved.value.expected, moved.value.found) == (before, before + 1)


def test_reads_lists_equal_the_repository_lists(
    filled: SQLRepository, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(reads, "SCAN_BATCH", 2)  # a scan of several statements
    found = StoreReads(filled)
    generation = filled.generation()
    workshop = filled.initiatives()[0].workshop or ""
    assert (
        list(found.scan("initiative", generation)),
        list(found.scan("workshop", generation)),
        found.where("initiative", generation, {"catalogue_id": CATALOGUE_ID, "workshop": workshop}),
    ) == (
        filled.initiatives(),
        filled.workshops(),
        [i for i in filled.initiatives() if i.workshop == workshop],
    )


def test_reads_where_refuses_a_column_without_an_index(filled: SQLRepository) -> None:
    with pytest.raises(ValueError, match="initiative lists are not read by title"):
        StoreReads(filled).where("initiative", filled.generation(), {"title": "x"})


def test_reads_catalogues_equal_the_repository_catalogues(filled: SQLRepository) -> None:
    found = StoreReads(filled)
    generation = filled.generation()
    whole = filled.catalogues()
    heads = [dataclasses.replace(c, workshops=[], initiatives=[]) for c in whole]
    aggregates = found.aggregates(generation)
    assert (
        found.heads(generation),
        found.catalogue(CATALOGUE_ID, generation),
        found.catalogue("nowhere", generation),
        found.catalogues(generation),
        aggregates.counts,
        aggregates.initiatives_by_catalogue,
        found.reports(generation),
    ) == (
        heads,
        filled.catalogue(CATALOGUE_ID),
        None,
        whole,
        filled.counts(),
        {CATALOGUE_ID: len(filled.initiatives())},
        filled.reports(),
    )


def test_reads_a_record_is_one_statement(filled: SQLRepository) -> None:
    if not isinstance(filled, SQLiteRepository):
        pytest.skip("statements are counted through SQLite's trace hook")
    generation = filled.generation()
    statements: list[str] = []
    connection = filled._connection
    assert isinstance(connection, sqlite3.Connection)
    connection.set_trace_callback(statements.append)
    try:
        found = StoreReads(filled).records("initiative", [FIRST], generation)
    finally:
        connection.set_trace_callback(None)
    assert ([s.split()[0] for s in statements], list(found)) == (["SELECT"], [FIRST])


def test_reads_existing_names_the_ids_that_are_records(filled: SQLRepository) -> None:
    found = StoreReads(filled)
    generation = filled.generation()
    workshop = filled.workshops()[0].id
    assert (
        found.existing("initiative", [FIRST, workshop, "nowhere/1"], generation),
        found.existing("workshop", [FIRST, workshop], generation),
    ) == ({FIRST}, {workshop})
