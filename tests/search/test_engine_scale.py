"""Searching a large collection cheaply gives the answers searching it in full gives.

Facet counts use bitmaps of few-valued facets or only the chosen records' pairs; query
vectors, typo corrections and the records a named place stands for are remembered. On the
seed and on 200 perturbed copies of it (20,400 records, past the exact vector limit), every
answer must equal the one of the full paths: hits, scores and facets.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import numpy.typing as npt
import pytest
from bench.search_scale import copies

import sse_atlas.search.engine as engine_module
import sse_atlas.search.facets as facets_module
from sse_atlas.kb import KnowledgeBase
from sse_atlas.search import SearchEngine, SearchQuery, SearchResults, engine_for
from sse_atlas.search.documents import SearchDocument
from sse_atlas.search.facets import FacetIndex
from sse_atlas.search.semantic import FloatMatrix, QueryVectors
from tests.search.conftest import HashingEmbedder

DEV = Path(__file__).parents[2] / "bench" / "judgements" / "independent" / "dev.jsonl"
EXTRA = [
    SearchQuery(text=""),
    SearchQuery(text="", filters={"kind": ("workshop",)}),
    SearchQuery(text="monnaie sociale", filters={"continent": ("Americas",)}),
    SearchQuery(text="coopératives", filters={"country": ("ES", "FR"), "theme": ("T1",)}),
    SearchQuery(text="finanzas eticas", offset=5, limit=5, mode="semantic"),
    SearchQuery(text="monaies locales", mode="lexical"),
    SearchQuery(text="zzzqqq", filters={"country": ("BR",)}),
]


def _queries() -> list[SearchQuery]:
    lines = DEV.read_text("utf-8").splitlines()
    texts = [json.loads(line)["text"] for line in lines if line.strip()]
    return [SearchQuery(text=text, limit=10) for text in texts] + EXTRA


def _answers(engine: SearchEngine) -> list[SearchResults]:
    return [engine.search(query) for query in _queries()]


def _every_pair(
    index: FacetIndex,
    facet: str,
    within: npt.NDArray[np.bool_] | None,
    chosen: npt.NDArray[np.intp] | None = None,
    bits: object = None,
) -> npt.NDArray[np.int64]:
    """Facet counts as first written: every pair tested against the mask."""
    if within is None:
        assert chosen is not None
        within = np.zeros(index.size, dtype=bool)
        within[chosen] = True
    rows, codes = index._pairs[facet]
    return np.bincount(codes[within[rows]], minlength=len(index.values[facet]))


def _mask_by_isin(index: FacetIndex, facet: str, selected: Sequence[str]) -> npt.NDArray[np.bool_]:
    """A facet's mask as first written."""
    rows, codes = index._pairs[facet]
    wanted = [i for i, value in enumerate(index.values[facet]) if value in set(selected)]
    mask = np.zeros(index.size, dtype=bool)
    if wanted:
        mask[rows[np.isin(codes, wanted)]] = True
    return mask


def _full_paths(engine: SearchEngine, monkeypatch: pytest.MonkeyPatch) -> list[SearchResults]:
    """Answers with facets counted over every pair and nothing remembered."""
    with monkeypatch.context() as patch:
        patch.setattr(FacetIndex, "counts", _every_pair)
        patch.setattr(FacetIndex, "mask", _mask_by_isin)
        patch.setattr(engine_module, "QUERY_VECTORS", QueryVectors(size=0))
        patch.setattr(engine_module, "MASKS_KEPT", 0)
        return _answers(engine)


@pytest.fixture(scope="module")
def seed_parts(seed_kb: KnowledgeBase) -> tuple[list[SearchDocument], FloatMatrix]:
    documents = list(engine_for(seed_kb.repository).documents)
    vectors = HashingEmbedder().embed([d.semantic_text for d in documents])
    return documents, vectors


def _engine(documents: Sequence[SearchDocument], vectors: FloatMatrix) -> SearchEngine:
    return SearchEngine(documents, HashingEmbedder(), vectors)


def test_engine_cheap_paths_same_answers_on_seed(
    seed_parts: tuple[list[SearchDocument], FloatMatrix], monkeypatch: pytest.MonkeyPatch
) -> None:
    searched = _engine(*seed_parts)
    full = _full_paths(searched, monkeypatch)
    assert (_answers(searched), _answers(searched)) == (full, full)


def test_engine_cheap_paths_same_answers_on_perturbed_copies(
    seed_parts: tuple[list[SearchDocument], FloatMatrix], monkeypatch: pytest.MonkeyPatch
) -> None:
    documents, vectors = copies(seed_parts, 20_400, noise=0.01)
    searched = _engine(documents, vectors)
    assert searched.vectors is not None and not searched.vectors.exact
    full = _full_paths(searched, monkeypatch)
    cheap = _answers(searched)
    assert (cheap, _answers(searched)) == (full, full)
    # the cheap facet path ran: most queries choose under an eighth of the records
    assert sum(r.total * facets_module.SPARSE <= len(documents) for r in cheap) > 40
    assert np.unique([r.total for r in cheap]).size > 10
