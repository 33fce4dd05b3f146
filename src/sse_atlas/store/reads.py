"""Reads for a server that shows records on demand, each checked against a store generation.

A server keeps one view per store generation (its search index, a cache of records) and reads
records only when a page shows them. Every read here is ONE statement that also reads the
generation, so it is one round trip to PostgreSQL and one atomic snapshot on either engine: if
the generation is not the one the caller holds, :class:`GenerationMoved` says so and the caller
answers from the newer generation instead; records of two generations never meet in an answer.
Decoding the JSON happens after the statement, outside the connection's lock.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from itertools import islice
from typing import Any, Final, Literal

from sse_atlas.model import (
    Catalogue,
    Day,
    Initiative,
    Organisation,
    Person,
    QualityReport,
    Session,
    Workshop,
)
from sse_atlas.store import rows
from sse_atlas.store.base import Edit
from sse_atlas.store.dialect import Cursor
from sse_atlas.store.edits import apply_edits
from sse_atlas.store.sql import SQLRepository

Kind = Literal["initiative", "workshop", "organisation", "person"]
Record = Initiative | Workshop | Organisation | Person

# table, model type, reading order (document order; entities in their stored order)
_TABLES: Final[dict[str, tuple[str, type[Any], tuple[str, ...]]]] = {
    "initiative": ("initiatives", Initiative, ("catalogue_id", "ordinal")),
    "workshop": ("workshops", Workshop, ("catalogue_id", "ordinal")),
    "organisation": ("organisations", Organisation, ("ordinal",)),
    "person": ("people", Person, ("ordinal",)),
}
# Filters a list may use: indexed columns (see the migrations), by kind.
_FILTERS: Final[dict[str, frozenset[str]]] = {
    "initiative": frozenset({"catalogue_id", "country_code", "workshop", "organisation_id"}),
    "workshop": frozenset({"catalogue_id"}),
    "organisation": frozenset({"country_code"}),
    "person": frozenset(),
}
IDS_PER_STATEMENT: Final = 200  # placeholders of one IN list (engines cap them)
SCAN_BATCH: Final = 1000  # records a full scan reads per statement
_GENERATION: Final = "SELECT value FROM store_state WHERE key = 'generation'"


class GenerationMoved(Exception):
    """The store is no longer at the generation the caller reads: it must start again."""

    def __init__(self, expected: int, found: int) -> None:
        super().__init__(f"the store moved from generation {expected} to {found}")
        self.expected = expected
        self.found = found


@dataclass(frozen=True)
class Aggregates:
    """Counts of one generation the statistics need, computed by the database."""

    counts: dict[str, int]
    initiatives_by_catalogue: dict[str, int]
    coordinated_workshops: int


def _chunks(items: list[str], size: int) -> Iterator[list[str]]:
    found = iter(items)
    while chunk := list(islice(found, size)):
        yield chunk


def _edit(row: Sequence[Any]) -> Edit:
    record_id, field, value, at, note = row
    return Edit(str(record_id), str(field), json.loads(value), dt.datetime.fromisoformat(at), note)


class StoreReads:
    """Generation-checked reads of a SQL repository (SQLite or PostgreSQL)."""

    def __init__(self, repository: SQLRepository) -> None:
        self._repository = repository
        self._order = repository._dialect.text_order

    def generation(self) -> int:
        return self._repository.generation()

    @contextmanager
    def _statement(self) -> Iterator[Cursor]:
        """A cursor for one statement outside any transaction: the engine runs it on one
        snapshot, and PostgreSQL answers it in one round trip."""
        repository = self._repository
        with repository._exclusive(), repository._reporting(), repository._session() as cursor:
            yield cursor

    def _rows(self, query: str, params: Sequence[Any], generation: int) -> list[Any]:
        """The rows of ``query`` whose first column is the generation, checked; the generation
        row itself comes first and is left out (a query of nothing still proves the snapshot)."""
        with self._statement() as cursor:
            found = self._repository._all(cursor, query, params)
        stored = int(found[0][0]) if found else 0
        if stored != generation:
            raise GenerationMoved(generation, stored)
        return found

    def _records(self, kind: Kind, found: list[Any]) -> list[Record]:
        """Records from ``(generation, id, data, edit...)`` rows, edits applied, in row order."""
        _, tp, _ = _TABLES[kind]
        data: dict[str, str] = {}
        edits: dict[str, list[Edit]] = {}
        for row in found:
            if row[1] is None:
                continue
            data.setdefault(str(row[1]), row[2])
            if row[3] is not None:
                edits.setdefault(str(row[1]), []).append(_edit(row[3:8]))
        return [apply_edits(rows.loads(tp, text), edits.get(i, [])) for i, text in data.items()]

    def _joined(self, kind: Kind, inner: str) -> str:
        """The statement: the generation, joined to ``inner`` (id, data, order...) and edits."""
        order = ", ".join(f"r.{column}" for column in _TABLES[kind][2])
        return (
            "SELECT s.value, r.id, r.data, e.record_id, e.field, e.value, e.edited_at, e.note,"
            f" {order} FROM store_state s LEFT JOIN ({inner}) r ON 1 = 1"
            " LEFT JOIN edits e ON e.record_id = r.id"
            f" WHERE s.key = 'generation' ORDER BY {order}, e.seq"
        )

    def records(self, kind: Kind, ids: Sequence[str], generation: int) -> dict[str, Record]:
        """The records of ``ids`` that exist, by id (one statement per 200 ids)."""
        table, _, order = _TABLES[kind]
        found: dict[str, Record] = {}
        for chunk in _chunks(list(dict.fromkeys(ids)), IDS_PER_STATEMENT):
            marks = ", ".join("?" for _ in chunk)
            inner = f"SELECT id, data, {', '.join(order)} FROM {table} WHERE id IN ({marks})"
            rows_ = self._rows(self._joined(kind, inner), chunk, generation)
            found.update((r.id, r) for r in self._records(kind, rows_))
        return found

    def existing(self, kind: Kind, ids: Sequence[str], generation: int) -> set[str]:
        """Which of ``ids`` are records of ``kind`` (nothing decoded)."""
        table = _TABLES[kind][0]
        found: set[str] = set()
        for chunk in _chunks(list(dict.fromkeys(ids)), IDS_PER_STATEMENT):
            marks = ", ".join("?" for _ in chunk)
            query = (
                f"SELECT s.value, r.id FROM store_state s LEFT JOIN"
                f" (SELECT id FROM {table} WHERE id IN ({marks})) r ON 1 = 1"
                " WHERE s.key = 'generation'"
            )
            found.update(str(row[1]) for row in self._rows(query, chunk, generation) if row[1])
        return found

    def where(
        self, kind: Kind, generation: int, equal: dict[str, str], limit: int | None = None
    ) -> list[Record]:
        """Records whose indexed columns hold the values of ``equal``, in reading order."""
        unknown = set(equal) - _FILTERS[kind]
        if unknown or not equal:
            raise ValueError(
                f"{kind} lists are not read by {', '.join(sorted(unknown)) or 'nothing'}"
            )
        table, _, order = _TABLES[kind]
        columns = ", ".join(order)
        sort = ", ".join(f"{c}{self._order}" if c == "catalogue_id" else c for c in order)
        condition = " AND ".join(f"{column} = ?" for column in equal)
        inner = f"SELECT id, data, {columns} FROM {table} WHERE {condition} ORDER BY {sort}"
        params: list[Any] = list(equal.values())
        if limit is not None:
            inner += " LIMIT ?"
            params.append(limit)
        return self._records(kind, self._rows(self._joined(kind, inner), params, generation))

    def scan(self, kind: Kind, generation: int) -> Iterator[Record]:
        """Every record of ``kind`` in reading order, a batch per statement."""
        table, _, order = _TABLES[kind]
        columns = ", ".join(order)
        sort = ", ".join(f"{c}{self._order}" if c == "catalogue_id" else c for c in order)
        after: tuple[Any, ...] | None = None
        while True:
            if after is None:
                where, params = "", []
            elif len(order) == 1:
                where, params = " WHERE ordinal > ?", [after[0]]
            else:
                where = (
                    f" WHERE catalogue_id{self._order} > ? OR (catalogue_id = ? AND ordinal > ?)"
                )
                params = [after[0], after[0], after[1]]
            inner = (
                f"SELECT id, data, {columns} FROM {table}{where} ORDER BY {sort} LIMIT {SCAN_BATCH}"
            )
            found = self._rows(self._joined(kind, inner), params, generation)
            batch = self._records(kind, found)
            yield from batch
            if len(batch) < SCAN_BATCH:
                return
            after = tuple(found[-1][8:])  # the order columns of the last record read

    def heads(self, generation: int) -> list[Catalogue]:
        """Every catalogue with its days and sessions, without its records, by id."""
        with self._transaction(generation) as (cursor, all_):
            order = f"id{self._order}"
            catalogues = [
                rows.loads(Catalogue, row[0])
                for row in all_(cursor, f"SELECT data FROM catalogues ORDER BY {order}", [])
            ]
            days = all_(cursor, "SELECT catalogue_id, data FROM days ORDER BY ordinal", [])
            sessions = all_(cursor, "SELECT catalogue_id, data FROM sessions ORDER BY ordinal", [])
        by_id = {c.id: c for c in catalogues}
        for catalogue_id, data in days:
            by_id[catalogue_id].days.append(rows.loads(Day, data))
        for catalogue_id, data in sessions:
            by_id[catalogue_id].sessions.append(rows.loads(Session, data))
        return catalogues

    def catalogue(self, catalogue_id: str, generation: int) -> Catalogue | None:
        """One whole catalogue, its records edited, read in one transaction."""
        repository = self._repository
        with self._transaction(generation) as (cursor, all_):
            found = all_(cursor, "SELECT data FROM catalogues WHERE id = ?", [catalogue_id])
            if not found:
                return None
            edits = repository._edit_map(cursor)
            return repository._assemble(cursor, rows.loads(Catalogue, found[0][0]), edits)

    def catalogues(self, generation: int) -> list[Catalogue]:
        """Every catalogue, whole (an export of the whole base), in one transaction."""
        repository = self._repository
        with self._transaction(generation) as (cursor, all_):
            edits = repository._edit_map(cursor)
            order = f"id{self._order}"
            found = all_(cursor, f"SELECT data FROM catalogues ORDER BY {order}", [])
            return [repository._assemble(cursor, rows.loads(Catalogue, r[0]), edits) for r in found]

    def aggregates(self, generation: int) -> Aggregates:
        """Table counts, initiatives per catalogue and coordinated workshops, by the database."""
        with self._transaction(generation) as (cursor, all_):
            counts = self._repository.counts()  # joins this transaction
            per_catalogue = all_(
                cursor, "SELECT catalogue_id, COUNT(*) FROM initiatives GROUP BY catalogue_id", []
            )
            coordinated = all_(
                cursor, "SELECT COUNT(*) FROM workshops WHERE kind = ?", ["coordinated"]
            )
        return Aggregates(
            counts=counts,
            initiatives_by_catalogue={str(c): int(n) for c, n in per_catalogue},
            coordinated_workshops=int(coordinated[0][0]),
        )

    def reports(self, generation: int) -> list[QualityReport]:
        """The latest ingest report of each document."""
        with self._transaction(generation):
            return self._repository.reports()  # joins this transaction

    @contextmanager
    def _transaction(self, generation: int) -> Iterator[tuple[Cursor, Any]]:
        """One read transaction (one snapshot) that first checks the generation."""
        repository = self._repository
        with repository._transaction(write=False) as cursor:
            found = repository._all(cursor, _GENERATION)
            stored = int(found[0][0]) if found else 0
            if stored != generation:
                raise GenerationMoved(generation, stored)
            yield cursor, repository._all
