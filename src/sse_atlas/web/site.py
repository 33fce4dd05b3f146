"""What the routes share: the knowledge base, its snapshot and the search calls."""

from __future__ import annotations

from sse_atlas.kb import KnowledgeBase
from sse_atlas.search.results import SearchHit, SearchQuery, SearchResults
from sse_atlas.web.snapshot import Snapshot


class Site:
    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb
        self.snapshot = Snapshot.load(kb)

    def refresh(self) -> None:
        """Read the knowledge base again (after an ingest or an edit)."""
        self.snapshot = Snapshot.load(self.kb)

    def search(self, query: SearchQuery) -> SearchResults:
        return self.kb.search(query)

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
        return self.kb.similar(record_id, limit)
