"""What the routes read: one immutable view of the knowledge base per store generation.

A :class:`View` holds every record (the :class:`Snapshot`) and a search engine built from those
same records, so pages, search, similar items, statistics and exports of one request always
agree. The :class:`Site` keeps the current view and follows the store: at most every
``check_every`` seconds a request starts a background check of the store's generation (a cheap
primary-key read); when another process wrote, a new view is built in that thread while the old
one keeps serving, then swapped in with one assignment.
"""

from __future__ import annotations

import logging
import threading
import time
from dataclasses import dataclass, replace
from typing import Final

from starlette.types import Scope

from sse_atlas.kb import KnowledgeBase
from sse_atlas.model import Dataset
from sse_atlas.search import SearchEngine, SearchHit, SearchQuery, SearchResults
from sse_atlas.search.entities import entities_named
from sse_atlas.search.service import engine_over
from sse_atlas.store import Repository
from sse_atlas.web.snapshot import Snapshot

log = logging.getLogger(__name__)
VIEW_KEY: Final = "sse_atlas.view"  # the request scope's view, taken once when it starts


@dataclass(frozen=True)
class View:
    """The knowledge base as it was at one generation; never changed once built."""

    generation: int
    snapshot: Snapshot
    engine: SearchEngine
    repository: Repository  # for the names of organisations and people a query names

    @classmethod
    def load(cls, kb: KnowledgeBase) -> View:
        generation, snapshot = kb.read_at_one_generation(Snapshot.load)
        engine = engine_over(
            kb.repository,
            list(snapshot.initiatives.values()),
            list(snapshot.workshops.values()),
            stamp=f"generation {generation}",
        )
        return cls(generation, snapshot, engine, kb.repository)

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
        everything = len(self.snapshot.initiatives) + len(self.snapshot.workshops)
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
        """Records like ``record_id``; none for an id this view does not hold."""
        try:
            return self.engine.similar(record_id, limit)
        except KeyError:
            return []

    def dataset(self) -> Dataset:
        """Every record of the view, as the exporters take it."""
        return Dataset(
            catalogues=list(self.snapshot.catalogues.values()),
            organisations=list(self.snapshot.organisations.values()),
            people=list(self.snapshot.people.values()),
        )


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
