"""The records of one store generation, read from the store when a page shows them.

A snapshot holds no records of its own beyond the catalogues' headings: initiatives,
workshops, organisations and people are read by id (or by an indexed column) when a page asks,
each read checked against the snapshot's generation (see :mod:`sse_atlas.store.reads`), and
kept in a bounded cache, so memory does not grow with the collection. When the store has moved
on, a read raises :class:`GenerationMoved` and the request is answered again from the newer
view: an answer never mixes two generations. Records are shared by the threads of a process and
never changed.
"""

from __future__ import annotations

import threading
from collections import Counter, OrderedDict
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Final, Generic, TypeVar, cast

from sse_atlas.model import (
    Catalogue,
    CountCheck,
    Initiative,
    Involvement,
    Organisation,
    Person,
    QualityReport,
    Workshop,
)
from sse_atlas.store.reads import Aggregates, Kind, StoreReads

T = TypeVar("T", Initiative, Workshop, Organisation, Person)
V = TypeVar("V")

RECORDS_CACHED: Final = 4096  # records of each kind a view keeps decoded (most recently shown)
CATALOGUES_CACHED: Final = 8  # whole catalogues (a programme page) a view keeps


def workshop_people(workshop: Workshop) -> list[Involvement]:
    """The moderator, panel and other speakers of a workshop, in that order."""
    found = [workshop.moderator] if workshop.moderator else []
    return [*found, *workshop.panel, *workshop.speakers]


class Bounded(Generic[V]):
    """A thread-safe least-recently-used cache of at most ``capacity`` values."""

    def __init__(self, capacity: int) -> None:
        self.capacity = capacity
        self._items: OrderedDict[str, V] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: str) -> V | None:
        with self._lock:
            found = self._items.get(key)
            if found is not None:
                self._items.move_to_end(key)
            return found

    def put(self, key: str, value: V) -> None:
        with self._lock:
            self._items[key] = value
            self._items.move_to_end(key)
            while len(self._items) > self.capacity:
                self._items.popitem(last=False)

    def __len__(self) -> int:
        return len(self._items)


class Records(Generic[T]):
    """The records of one kind at one generation: read by id on demand, the latest kept."""

    def __init__(
        self, reads: StoreReads, kind: Kind, generation: int, size: int, cached: int
    ) -> None:
        self._reads = reads
        self._kind: Kind = kind
        self._generation = generation
        self._size = size
        self._cache: Bounded[T] = Bounded(cached)
        self._absent: Bounded[bool] = Bounded(cached)  # ids asked for that do not exist

    def get(self, record_id: str) -> T | None:
        found = self.many([record_id])
        return found[0] if found else None

    def many(self, ids: Sequence[str]) -> list[T]:
        """The records of ``ids`` that exist, in that order; the missing ones in one read."""
        known: dict[str, T] = {}
        missing = []
        for record_id in ids:
            hit = self._cache.get(record_id)
            if hit is not None:
                known[record_id] = hit
            elif self._absent.get(record_id) is None:
                missing.append(record_id)
        if missing:
            read = self._reads.records(self._kind, missing, self._generation)
            for record_id in missing:
                record = read.get(record_id)
                if record is None:
                    self._absent.put(record_id, True)
                else:
                    known[record_id] = cast(T, record)
                    self._cache.put(record_id, known[record_id])
        return [known[i] for i in ids if i in known]

    def existing(self, ids: Sequence[str]) -> set[str]:
        """Which of ``ids`` exist, in one read (nothing decoded or kept)."""
        return self._reads.existing(self._kind, ids, self._generation)

    def where(self, column: str, value: str) -> list[T]:
        """The records whose indexed ``column`` holds ``value``, in reading order."""
        found = self._reads.where(self._kind, self._generation, {column: value})
        return [cast(T, record) for record in found]

    def __getitem__(self, record_id: str) -> T:
        found = self.get(record_id)
        if found is None:
            raise KeyError(record_id)
        return found

    def __contains__(self, record_id: object) -> bool:
        return isinstance(record_id, str) and self.get(record_id) is not None

    def __len__(self) -> int:
        return self._size

    def __iter__(self) -> Iterator[str]:
        """Every id, in reading order (a scan of the store)."""
        return (record.id for record in self.values())

    def values(self) -> Iterator[T]:
        """Every record, streamed from the store in reading order (not cached)."""
        for record in self._reads.scan(self._kind, self._generation):
            yield cast(T, record)


@dataclass
class Stats:
    """Counts across the knowledge base, and what each catalogue states about itself."""

    aggregates: Aggregates
    reports: list[QualityReport]
    # per chart (country, continent, theme, sdg, organisation_type, day): initiatives per value
    tallies: dict[str, Counter[str]] = field(default_factory=dict)

    @property
    def counts(self) -> dict[str, int]:
        return self.aggregates.counts

    @property
    def coordinated_workshops(self) -> int:
        return self.aggregates.coordinated_workshops

    @property
    def stated(self) -> dict[str, list[CountCheck]]:
        return {r.catalogue or r.document: list(r.counts) for r in self.reports}


class Snapshot:
    """What the pages of one generation read: catalogue headings kept, records on demand."""

    def __init__(
        self,
        reads: StoreReads,
        generation: int,
        stats: Stats,
        tallies: Callable[[], dict[str, Counter[str]]],
    ) -> None:
        self.generation = generation
        self._reads = reads
        counts = stats.counts
        self.stats = stats
        self.reports = stats.reports
        # headings: days and sessions, no records (see ``catalogue`` for a whole one)
        self.catalogues: dict[str, Catalogue] = {c.id: c for c in reads.heads(generation)}
        self.initiative_counts = stats.aggregates.initiatives_by_catalogue
        self.initiatives: Records[Initiative] = Records(
            reads, "initiative", generation, counts.get("initiatives", 0), RECORDS_CACHED
        )
        self.workshops: Records[Workshop] = Records(
            reads, "workshop", generation, counts.get("workshops", 0), RECORDS_CACHED
        )
        self.organisations: Records[Organisation] = Records(
            reads, "organisation", generation, counts.get("organisations", 0), RECORDS_CACHED
        )
        self.people: Records[Person] = Records(
            reads, "person", generation, counts.get("people", 0), RECORDS_CACHED
        )
        self._whole: Bounded[Catalogue] = Bounded(CATALOGUES_CACHED)
        self._tallies = tallies

    @property
    def tallies(self) -> dict[str, Counter[str]]:
        """Initiatives per value of each chart of the statistics (from the search index)."""
        return self._tallies()

    def catalogue(self, catalogue_id: str) -> Catalogue | None:
        """A whole catalogue (its days, sessions, workshops and initiatives)."""
        found = self._whole.get(catalogue_id)
        if found is None and catalogue_id in self.catalogues:
            found = self._reads.catalogue(catalogue_id, self.generation)
            if found is not None:
                self._whole.put(catalogue_id, found)
        return found

    def whole_catalogues(self) -> list[Catalogue]:
        """Every catalogue, whole (an export of the whole base), read now."""
        return self._reads.catalogues(self.generation)

    def initiatives_of(self, ids: list[str]) -> list[Initiative]:
        return self.initiatives.many(ids)

    def initiatives_in(self, workshop: Workshop) -> list[Initiative]:
        """The initiatives of a workshop, in the order the catalogue gives."""
        ids = [i if "/" in i else f"{workshop.catalogue}/{i}" for i in workshop.initiatives]
        if ids:
            return self.initiatives_of(ids)
        found = self._reads.where(
            "initiative",
            self.generation,
            {"catalogue_id": workshop.catalogue, "workshop": workshop.code},
        )
        return [cast(Initiative, record) for record in found]

    def workshops_of(self, ids: list[str]) -> list[Workshop]:
        return self.workshops.many(ids)

    def in_country(self, code: str) -> list[Initiative]:
        """The initiatives of a country (codes are stored upper case), in reading order."""
        return self.initiatives.where("country_code", code.upper())

    def organisations_in(self, code: str) -> list[Organisation]:
        """The organisations of a country, in their stored order."""
        return self.organisations.where("country_code", code.upper())
