from __future__ import annotations

from pathlib import Path

import numpy as np

from sse_atlas.search.documents import SearchDocument
from sse_atlas.search.engine import SearchEngine, embed_documents, stable_top
from sse_atlas.search.results import FacetValue, SearchQuery
from sse_atlas.search.semantic import VectorIndex, normalise
from sse_atlas.store.vectors import VectorCache
from tests.search.conftest import HashingEmbedder


def _engine(documents: list[SearchDocument]) -> SearchEngine:
    return SearchEngine(documents)


def _ids(engine: SearchEngine, text: str, **filters: tuple[str, ...]) -> list[str]:
    results = engine.search(SearchQuery(text=text, filters=filters, mode="lexical"))
    return [hit.id for hit in results.hits]


def test_lexical_folds_accents_both_ways(documents: list[SearchDocument]) -> None:
    engine = _engine(documents)
    assert _ids(engine, "economie circulaire") == ["test/1.3"]
    assert _ids(engine, "FINANCES ÉTHIQUES") == ["test/2.1"]


def test_lexical_stems_plurals(documents: list[SearchDocument]) -> None:
    assert _ids(_engine(documents), "monnaies") == ["test/1.1"]


def test_lexical_corrects_typos(documents: list[SearchDocument]) -> None:
    engine = _engine(documents)
    analysis = engine.analyse("recyclaeg", semantic=False)
    assert (analysis.corrections, _ids(engine, "recyclaeg")) == (
        {"recyclaeg": "recyclage"},
        ["test/1.3"],
    )


def test_lexical_translates_foreign_words(documents: list[SearchDocument]) -> None:
    assert _ids(_engine(documents), "social currency") == ["test/1.1"]


def test_search_nonsense_is_weak_and_empty(documents: list[SearchDocument]) -> None:
    results = _engine(documents).search(SearchQuery(text="xyzzy plugh"))
    assert (results.weak, results.total, results.hits) == (True, 0, [])


def test_facets_without_text_count_everything(documents: list[SearchDocument]) -> None:
    results = _engine(documents).search(SearchQuery())
    assert (results.total, results.facets["country"]) == (
        4,
        [
            FacetValue("ES", "Spain", 2),
            FacetValue("BR", "Brazil", 1),
            FacetValue("CA", "Canada", 1),
        ],
    )


def test_facets_or_within_and_across(documents: list[SearchDocument]) -> None:
    engine = _engine(documents)
    query = SearchQuery(filters={"country": ("BR", "ES"), "theme": ("T3",)})
    results = engine.search(query)
    assert [hit.id for hit in results.hits] == ["test/1.1", "test/2.1"]
    # a facet's counts ignore its own selection and honour the others'
    assert results.facets["country"] == [
        FacetValue("BR", "Brazil", 1, True),
        FacetValue("ES", "Spain", 1, True),
    ]
    assert results.facets["theme"] == [
        FacetValue("T3", "Social and solidarity finances", 2, True),
        FacetValue("T1", "Transition towns and housing rights", 1),
        FacetValue("T4", "Concepts and values related to Solidarity Economy", 1),
    ]


def test_facets_with_text_count_matches_only(documents: list[SearchDocument]) -> None:
    results = _engine(documents).search(
        SearchQuery(text="coopératives", filters={"continent": ("Europe",)}, mode="lexical")
    )
    assert (results.total, results.facets["continent"]) == (
        2,
        [FacetValue("Europe", "Europe", 2, True), FacetValue("Americas", "Americas", 1)],
    )


def test_search_offset_and_limit_page_through(documents: list[SearchDocument]) -> None:
    engine = _engine(documents)
    page = engine.search(SearchQuery(limit=2, offset=1))
    assert (page.total, [h.id for h in page.hits]) == (4, ["test/1.2", "test/1.3"])


def test_embed_documents_reuses_cached_vectors(
    documents: list[SearchDocument], tmp_path: Path
) -> None:
    embedder = HashingEmbedder()
    cache = VectorCache(tmp_path, embedder.name)
    first = embed_documents(documents, embedder, cache)
    again = embed_documents(documents, embedder, VectorCache(tmp_path, embedder.name))
    assert (embedder.embedded, np.allclose(first, again, atol=1e-3)) == (4, True)


def test_vector_cache_of_another_model_starts_empty(
    documents: list[SearchDocument], tmp_path: Path
) -> None:
    embed_documents(documents, HashingEmbedder(), VectorCache(tmp_path, "hashing-test/1"))
    assert VectorCache(tmp_path, "hashing-test/2").load() == {}


def test_vector_index_quantised_agrees_with_exact() -> None:
    rng = np.random.default_rng(7)
    centres = normalise(rng.standard_normal((20, 64)).astype(np.float32))
    noise = 0.3 * rng.standard_normal((1000, 64)).astype(np.float32)
    vectors = normalise(np.repeat(centres, 50, axis=0) + noise)
    query = vectors[123]
    exact = VectorIndex(vectors).dense(query)
    quantised = VectorIndex(vectors, exact_limit=0).dense(query)
    assert list(np.argsort(-exact)[:10]) == list(np.argsort(-quantised)[:10])


def test_similar_excludes_itself(documents: list[SearchDocument]) -> None:
    embedder = HashingEmbedder()
    vectors = embed_documents(documents, embedder)
    engine = SearchEngine(documents, embedder, vectors)
    found = [hit.id for hit in engine.similar("test/1.3", limit=2)]
    assert ("test/1.3" in found, len(found)) == (False, 2)


def test_stable_top_equals_the_stable_sort_prefix_with_ties() -> None:
    generator = np.random.default_rng(7)
    for size in (1, 5, 50, 1000):
        # few distinct values: many ties, also at the boundary of the rows kept
        scores = generator.integers(0, 6, size).astype(np.float32)
        scores[generator.integers(0, size)] = -np.inf
        full = np.argsort(-scores, kind="stable")
        for count in (0, 1, 3, 10, size - 1, size, size + 5):
            assert stable_top(scores, count).tolist() == full[: max(count, 0)].tolist()
