"""What the routes read: one immutable view of the knowledge base per store generation.

A :class:`View` opens the persistent search index of its generation (memory-mapped, its pages
shared by every worker; built and saved once when missing) and reads records from the store
when a page shows them (see :mod:`sse_atlas.web.snapshot`), every read checked against the
view's generation. A request that meets a newer generation is answered again from a view of
that one (see ``Gate`` in ``middleware.py``), so pages, search, similar items, statistics and
exports of one answer always agree. The :class:`Site` keeps the current view and follows the
store: at most every ``check_every`` seconds a request starts a background check of the store's
generation (a cheap primary-key read); when another process wrote, a new view is opened in that
thread while the old one keeps serving, then swapped in with one assignment.
"""

from __future__ import annotations

import logging
import threading
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Final

import numpy as np
from starlette.types import Scope

from sse_atlas.kb import KnowledgeBase
from sse_atlas.model import Dataset
from sse_atlas.search import SearchEngine, SearchHit, SearchQuery, SearchResults
from sse_atlas.search.entities import entities_named
from sse_atlas.search.service import engine_for
from sse_atlas.store import Repository, StoreError
from sse_atlas.store.reads import GenerationMoved, StoreReads
from sse_atlas.store.sql import SQLRepository
from sse_atlas.web.snapshot import Bounded, Snapshot, Stats

log = logging.getLogger(__name__)
VIEW_KEY: Final = "sse_atlas.view"  # the request scope's view, taken once when it starts
SIMILAR_CACHED: Final = 4096  # pages whose similar records a view keeps
SIMILAR_KEPT: Final = 6  # similar records computed at least (a prefix of more is the same)
# the statistics' charts: facets of the search index counted over initiatives
CHARTS: Final = ("country", "continent", "theme", "sdg", "organisation_type", "day")
UNKNOWN: Final = "unknown"
_OPEN_ATTEMPTS: Final = 20


def tallies_of(engine: SearchEngine) -> dict[str, Counter[str]]:
    """Initiatives per value of each chart facet, and ``unknown`` for those with none."""
    facets = engine.facets
    initiatives = facets.mask("kind", ["initiative"])
    total = int(initiatives.sum())
    found: dict[str, Counter[str]] = {}
    for facet in CHARTS:
        counts = facets.counts(facet, initiatives)
        tally = Counter(
            {value: int(n) for value, n in zip(facets.values[facet], counts, strict=True) if n}
        )
        rows, _ = facets._pairs[facet]
        valued = int(np.unique(rows[initiatives[rows]]).size)
        if total > valued:
            tally[UNKNOWN] += total - valued
        found[facet] = tally
    return found


class ViewOpening(Exception):
    """The view of the store's newer generation is not open yet."""


@dataclass(frozen=True)
class View:
    """The knowledge base as it was at one generation; never changed once opened."""

    generation: int
    snapshot: Snapshot
    engine: SearchEngine
    repository: Repository  # for the names of organisations and people a query names
    _similar: Bounded[list[SearchHit]] = field(
        default_factory=lambda: Bounded(SIMILAR_CACHED), compare=False, repr=False
    )

    @classmethod
    def load(cls, kb: KnowledgeBase) -> View:
        """The view of the store's current generation: its saved index, its headings."""
        repository = kb.repository
        if not isinstance(repository, SQLRepository):
            raise StoreError(f"{kb.location}: the web app reads a SQL store")
        reads = StoreReads(repository)
        for _ in range(_OPEN_ATTEMPTS):
            generation = reads.generation()
            engine = engine_for(repository)  # the saved index of this generation, mapped
            try:
                if reads.generation() != generation:
                    continue  # a write landed while the index opened: open the newer one
                stats = Stats(reads.aggregates(generation), reads.reports(generation))
                snapshot = Snapshot(reads, generation, stats, _counted_once(engine))
                return cls(generation, snapshot, engine, repository)
            except GenerationMoved:
                continue
        raise StoreError(f"{kb.location}: the store changed during {_OPEN_ATTEMPTS} reads in a row")

    def search(self, query: SearchQuery) -> SearchResults:
        """As :meth:`KnowledgeBase.search`, over this view's records."""
        results = self.engine.search(query)
        entities = entities_named(
            self.repository, self.engine.stamp, results.interpreted, query.types
        )
        if "initiative" not in query.types:
            results = replace(results, hits=[], total=0)
        return replace(results, entities=entities) if entities else results

    def search_all(self, query: SearchQuery) -> SearchResults:
        """Every hit of ``query`` (for the map and exports), with its facets."""
        everything = len(self.engine.rows)
        return self.search(
            SearchQuery(
                text=query.text,
                filters=query.filters,
                limit=max(everything, 1),
                offset=0,
                mode=query.mode,
                literal=query.literal,
            )
        )

    def similar(self, record_id: str, limit: int = 5) -> list[SearchHit]:
        """Records like ``record_id``; none for an id this view does not hold. Kept per view:
        the ranking reads every record's scores, the same for every visit of a page. The page
        and its JSON twin ask for different numbers: the first ``SIMILAR_KEPT`` serve both."""
        kept = self._similar.get(record_id)
        if kept is None or (len(kept) < limit and limit > SIMILAR_KEPT):
            try:
                kept = self.engine.similar(record_id, max(limit, SIMILAR_KEPT))
            except KeyError:
                kept = []
            self._similar.put(record_id, kept)
        return kept[:limit]

    def dataset(self) -> Dataset:
        """Every record of the view, as the exporters take it (read from the store now)."""
        return Dataset(
            catalogues=self.snapshot.whole_catalogues(),
            organisations=list(self.snapshot.organisations.values()),
            people=list(self.snapshot.people.values()),
        )


def _counted_once(engine: SearchEngine) -> Callable[[], dict[str, Counter[str]]]:
    """The statistics' tallies, counted on first use (a race counts them twice, harmlessly)."""
    box: list[dict[str, Counter[str]]] = []

    def tallies() -> dict[str, Counter[str]]:
        if not box:
            box.append(tallies_of(engine))
        return box[0]

    return tallies


class Site:
    """The current :class:`View` of ``kb``, replaced when the store's generation moves."""

    def __init__(self, kb: KnowledgeBase, check_every: float = 0.5) -> None:
        self.kb = kb
        self.check_every = check_every
        self._view = View.load(kb)
        # the encoder loads its weights on the first query: here, not in a visitor's threads
        self._view.search(SearchQuery(text="économie sociale et solidaire", limit=1))
        self._checked = time.monotonic()
        self._lock = threading.Lock()  # one check or rebuild at a time
        self._worker: threading.Thread | None = None

    def current(self) -> View:
        """The view to answer a request with; may start a check in the background."""
        if time.monotonic() - self._checked >= self.check_every:
            self._check_in_background()
        return self._view

    @property
    def snapshot(self) -> Snapshot:
        return self._view.snapshot

    def after(self, view: View, wait: float) -> View:
        """A view newer than ``view``, whose reads found the store moved on. It is opened in the
        background thread; after ``wait`` seconds without it (an index being built after an
        edit), :class:`ViewOpening` says so and the old view keeps answering what it holds."""
        deadline = time.monotonic() + wait
        while (current := self._view).generation == view.generation:
            if time.monotonic() >= deadline:
                raise ViewOpening(f"{self.kb.location}: the new generation is still being opened")
            self._check_in_background()
            worker = self._worker
            if worker is not None and worker.is_alive():
                worker.join(timeout=max(0.0, deadline - time.monotonic()))
            else:
                time.sleep(0.01)  # a refresh after a write here holds the lock
        return current

    def refresh(self) -> View:
        """Check the store now and wait for the new view if it moved (after a write here)."""
        with self._lock:
            self._checked = time.monotonic()
            if self.kb.repository.generation() != self._view.generation:
                self._view = View.load(self.kb)
            return self._view

    def _check_in_background(self) -> None:
        if not self._lock.acquire(blocking=False):
            return  # a check is already running
        try:
            if self._worker is not None and self._worker.is_alive():
                return
            self._checked = time.monotonic()
            self._worker = threading.Thread(target=self._check, name="atlas-refresh", daemon=True)
            self._worker.start()
        finally:
            self._lock.release()

    def _check(self) -> None:
        with self._lock:
            try:
                if self.kb.repository.generation() != self._view.generation:
                    self._view = View.load(self.kb)
            except Exception:  # the old view keeps serving; the next check tries again
                log.exception("could not read %s again", self.kb.location)
            finally:
                self._checked = time.monotonic()

    def close(self) -> None:
        """Wait for a check under way (before the knowledge base is closed)."""
        worker = self._worker
        if worker is not None:
            worker.join(timeout=30)


def view_generation(scope: Scope) -> int:
    """The generation of the view a request was given (see the gate in ``middleware.py``)."""
    view = scope.get(VIEW_KEY)
    if not isinstance(view, View):
        raise LookupError("the request has no view: it did not pass the gate")
    return view.generation
