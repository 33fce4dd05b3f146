"""What the sentence encoder is given (a bounded number of characters a text), the vector
shortlist of large collections, and the vectors of recent queries."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

from sse_atlas.search.semantic import (
    MAX_ENCODER_CHARS,
    SHORTLIST,
    FloatMatrix,
    QueryVectors,
    VectorIndex,
    clip_for_encoder,
    normalise,
)


def test_semantic_clip_keeps_short_text() -> None:
    assert clip_for_encoder("une coopérative") == "une coopérative"


def test_semantic_clip_cuts_after_whole_word() -> None:
    assert clip_for_encoder("aaa bbb ccc", limit=9) == "aaa bbb"


def test_semantic_clip_bounds_a_million_characters() -> None:
    text = "solidarité " * 100_000
    clipped = clip_for_encoder(text)
    assert (len(clipped) <= MAX_ENCODER_CHARS, text.startswith(clipped)) == (True, True)


def test_semantic_clip_text_without_spaces() -> None:
    assert clip_for_encoder("x" * 50, limit=10) == "x" * 10


def _shortlist_by_float_sums(index: VectorIndex, query: FloatMatrix) -> npt.NDArray[np.int64]:
    """The shortlist as first written: Hamming distances summed in float32, word by word."""
    bits = np.packbits(query > 0).view(np.uint64)
    distance = np.bitwise_count(index._bits[0] ^ bits[0]).astype(np.float32)
    for word in range(1, len(bits)):
        distance += np.bitwise_count(index._bits[word] ^ bits[word])
    count = min(SHORTLIST, index.size)
    found: npt.NDArray[np.int64] = np.argpartition(distance, count - 1)[:count].astype(np.int64)
    return found


def test_semantic_shortlist_same_rows_and_cosines_as_float_sums() -> None:
    rng = np.random.default_rng(7)
    # few distinct directions: many records at the same distance, ties at the shortlist's edge
    base = rng.normal(size=(40, 512)).astype(np.float32)
    noise = rng.normal(0, 0.05, (30_000, 512)).astype(np.float32)
    vectors = normalise(base[rng.integers(0, 40, 30_000)] + noise)
    index = VectorIndex(vectors)
    for query in normalise(rng.normal(size=(5, 512)).astype(np.float32)):
        rows, cosines = index.similarities(query)
        assert rows is not None
        expected = _shortlist_by_float_sums(index, query)
        rescored = (index._codes[expected].astype(np.float32) @ query) * index._scales[expected]
        assert (rows.tolist(), cosines.tolist()) == (expected.tolist(), rescored.tolist())


class _CountingEmbedder:
    name = "counting/1"
    dimension = 4

    def __init__(self) -> None:
        self.asked: list[list[str]] = []

    def embed(self, texts: Sequence[str]) -> FloatMatrix:
        self.asked.append(list(texts))
        return normalise(np.ones((len(texts), 4), dtype=np.float32))


def test_semantic_query_vectors_embed_a_text_once_and_forget_the_oldest() -> None:
    embedder = _CountingEmbedder()
    cache = QueryVectors(size=2)
    for texts in (["a"], ["b"], ["a"], ["c"], ["b"]):
        cache.get(embedder, texts)
    assert embedder.asked == [["a"], ["b"], ["c"], ["b"]]
