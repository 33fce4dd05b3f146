"""What a search engine is made of once built, so that it can be opened instead of rebuilt."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from sse_atlas.search.facets import FacetIndex
from sse_atlas.search.lexical import LexicalIndex
from sse_atlas.search.semantic import VectorIndex
from sse_atlas.search.understand import Understander


@dataclass(frozen=True)
class BuiltParts:
    """The indexes :class:`~sse_atlas.search.engine.SearchEngine` otherwise builds from its
    documents (see :mod:`sse_atlas.search.persistent`)."""

    rows: Mapping[str, int]  # document id -> row
    lexical: LexicalIndex
    facets: FacetIndex
    vectors: VectorIndex | None
    reading_rank: npt.NDArray[np.int64]
    understander: Understander | None = None  # built from the documents when None
