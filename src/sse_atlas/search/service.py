"""One search engine per open repository: opened from the persistent index of the store's
current generation, or built (and saved for every other process) when there is none."""

from __future__ import annotations

import contextlib
import threading
import weakref
from collections import Counter
from collections.abc import Sequence

from sse_atlas.model import Initiative, Workshop
from sse_atlas.search.documents import build_documents
from sse_atlas.search.engine import SearchEngine, embed_documents
from sse_atlas.search.persistent import index_directory, open_index, save_index
from sse_atlas.search.semantic import Embedder, embedder_named
from sse_atlas.store import Repository
from sse_atlas.store.vectors import VectorCache, cache_directory, content_stamp

ENCODER_SETTING = "encoder"
_ENGINES: weakref.WeakKeyDictionary[Repository, SearchEngine] = weakref.WeakKeyDictionary()
_LOCK = threading.Lock()


def build_engine(
    initiatives: Sequence[Initiative],
    workshops: Sequence[Workshop],
    embedder: Embedder | None = None,
    cache: VectorCache | None = None,
    stamp: str | None = None,
) -> SearchEngine:
    """Documents, lexical index and (with an embedder) vectors for these records."""
    languages = _catalogue_languages(initiatives)
    documents = build_documents(initiatives, workshops, languages)
    vectors = embed_documents(documents, embedder, cache) if embedder is not None else None
    return SearchEngine(documents, embedder, vectors, stamp=stamp)


def engine_for(repository: Repository, embedder: Embedder | None = None) -> SearchEngine:
    """The engine of ``repository``, built on first use and again after any ingest or edit."""
    stamp = content_stamp(repository)
    with _LOCK:
        engine = _ENGINES.get(repository)
        if engine is not None and engine.stamp == stamp:
            return engine
        chosen = embedder if embedder is not None else repository_embedder(repository)
        folder = index_directory(repository)
        counts = repository.counts()
        if folder is not None:
            engine = open_index(folder, stamp, chosen, counts)
            if engine is not None:
                _ENGINES[repository] = engine
                return engine
        cache = VectorCache(cache_directory(repository), chosen.name)
        engine = build_engine(
            repository.initiatives(), repository.workshops(), chosen, cache, stamp
        )
        if folder is not None:
            # a read-only or full disk: this process keeps its engine in memory
            with contextlib.suppress(OSError):
                save_index(engine, folder, counts)
        _ENGINES[repository] = engine
        return engine


def embed_records(
    repository: Repository,
    initiatives: Sequence[Initiative],
    workshops: Sequence[Workshop],
    embedder: Embedder | None = None,
) -> None:
    """Embed the records' texts the vector cache lacks: a bulk load does it batch by batch, so
    that its one index build at the end (or a resumed load) finds them cached."""
    chosen = embedder if embedder is not None else repository_embedder(repository)
    cache = VectorCache(cache_directory(repository), chosen.name)
    documents = build_documents(initiatives, workshops, _catalogue_languages(initiatives))
    embed_documents(documents, chosen, cache)


def repository_embedder(repository: Repository) -> Embedder:
    """The encoder the knowledge base chose (its ``encoder`` setting), else the default."""
    return embedder_named(repository.setting(ENCODER_SETTING))


def _catalogue_languages(initiatives: Sequence[Initiative]) -> dict[str, str | None]:
    """Each catalogue's most common initiative language (coordinated workshops have none)."""
    counts: dict[str, Counter[str]] = {}
    for initiative in initiatives:
        if initiative.language:
            counts.setdefault(initiative.catalogue, Counter())[initiative.language] += 1
    return {catalogue: c.most_common(1)[0][0] for catalogue, c in counts.items()}
