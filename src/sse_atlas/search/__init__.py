"""Search across languages: lexical (BM25F with stemming, folding and typo correction) and
semantic (multilingual sentence vectors) fused, with facets, snippets and similar records.

Callers go through :meth:`sse_atlas.kb.KnowledgeBase.search`; :func:`engine_for` gives the engine
of a repository, :func:`build_engine` one over records in memory.
"""

from sse_atlas.search.engine import SearchEngine
from sse_atlas.search.results import (
    FACETS,
    EntityHit,
    FacetValue,
    SearchHit,
    SearchQuery,
    SearchResults,
)
from sse_atlas.search.service import build_engine, engine_for
from sse_atlas.search.understand import KINDS, Interpretation

__all__ = [
    "FACETS",
    "KINDS",
    "EntityHit",
    "FacetValue",
    "Interpretation",
    "SearchEngine",
    "SearchHit",
    "SearchQuery",
    "SearchResults",
    "build_engine",
    "engine_for",
]
