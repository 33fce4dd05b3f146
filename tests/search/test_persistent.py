from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from sse_atlas.ingest.catalogue import ParseResult
from sse_atlas.model import Initiative, QualityReport, Workshop
from sse_atlas.search import SearchEngine, SearchQuery, build_engine, engine_for
from sse_atlas.search.persistent import (
    ENV_INDEX_DIR,
    StoredDocuments,
    index_directory,
    open_index,
    save_index,
)
from sse_atlas.search.semantic import VectorIndex
from sse_atlas.store import open_repository
from tests.search.conftest import HashingEmbedder
from tests.search.test_service import _catalogue

QUERIES = [
    SearchQuery(text="monnaie sociale"),
    SearchQuery(text="moneda social", mode="lexical"),
    SearchQuery(text="cooperative housing", mode="semantic"),
    SearchQuery(text="économie circulaire", filters={"country": ("ES",)}),
    SearchQuery(text="", filters={"kind": ("workshop",)}, limit=50),
    SearchQuery(text="finanzas eticas", offset=5, limit=5),
    SearchQuery(text="coopératives à Bilbao"),
    SearchQuery(text="Mondragon"),
    SearchQuery(text="social economy in Latin America"),
    SearchQuery(text="Euskadi employment"),
]
COUNTS = {"initiatives": 1}


def _copies(seed: ParseResult, copies: int) -> tuple[list[Initiative], list[Workshop]]:
    """The seed's records under ``copies`` catalogue names (ids differ, texts repeat)."""
    initiatives: list[Initiative] = []
    workshops: list[Workshop] = []
    for number in range(copies):
        name = f"copy{number}"
        initiatives += [dataclasses.replace(i, catalogue=name) for i in seed.catalogue.initiatives]
        workshops += [dataclasses.replace(w, catalogue=name) for w in seed.catalogue.workshops]
    return initiatives, workshops


def _answers(engine: SearchEngine) -> list[object]:
    found: list[object] = [engine.search(query) for query in QUERIES]
    first = engine.documents[0].id
    found.append(engine.similar(first, limit=5))
    return found


def _saved_and_opened(engine: SearchEngine, folder: Path) -> SearchEngine:
    save_index(engine, folder, COUNTS)
    opened = open_index(folder, "s1", engine.embedder, COUNTS)
    assert opened is not None
    return opened


def test_persistent_engine_same_answers_as_memory_on_seed(
    seed: ParseResult, tmp_path: Path
) -> None:
    engine = build_engine(
        seed.catalogue.initiatives, seed.catalogue.workshops, HashingEmbedder(), stamp="s1"
    )
    opened = _saved_and_opened(engine, tmp_path)
    assert isinstance(opened.documents, StoredDocuments)
    assert (list(opened.documents), _answers(opened)) == (engine.documents, _answers(engine))
    assert vars(opened.understander) == vars(engine.understander)


def test_persistent_engine_same_answers_as_memory_on_copies_quantised(
    seed: ParseResult, tmp_path: Path
) -> None:
    initiatives, workshops = _copies(seed, 4)
    engine = build_engine(initiatives, workshops, HashingEmbedder(), stamp="s1")
    assert engine.vectors is not None
    # a low exact limit stands in for a large collection: sign bits and int8 codes are saved
    engine.vectors = VectorIndex(engine.vectors._vectors, exact_limit=10)
    opened = _saved_and_opened(engine, tmp_path)
    assert (len(opened.documents), opened.vectors is not None and opened.vectors.exact) == (
        len(engine.documents),
        False,
    )
    assert _answers(opened) == _answers(engine)


def test_persistent_index_of_another_generation_or_store_is_not_opened(
    seed: ParseResult, tmp_path: Path
) -> None:
    embedder = HashingEmbedder()
    engine = build_engine(seed.catalogue.initiatives, [], embedder, stamp="s1")
    save_index(engine, tmp_path, COUNTS)
    assert (
        open_index(tmp_path, "s2", embedder, COUNTS),
        open_index(tmp_path, "s1", embedder, {"initiatives": 2}),
        open_index(tmp_path, "s1", None, COUNTS),
    ) == (None, None, None)


def test_persistent_index_damaged_file_is_not_opened(seed: ParseResult, tmp_path: Path) -> None:
    embedder = HashingEmbedder()
    engine = build_engine(seed.catalogue.initiatives, [], embedder, stamp="s1")
    folder = save_index(engine, tmp_path, COUNTS)
    impacts = folder / "impacts.npy"
    impacts.write_bytes(impacts.read_bytes()[:-8])
    assert open_index(tmp_path, "s1", embedder, COUNTS) is None


def test_persistent_index_manifest_with_wrong_shapes_is_not_opened(
    seed: ParseResult, tmp_path: Path
) -> None:
    embedder = HashingEmbedder()
    engine = build_engine(seed.catalogue.initiatives, [], embedder, stamp="s1")
    folder = save_index(engine, tmp_path, COUNTS)
    manifest = folder / "manifest.json"
    manifest.write_text(manifest.read_text("utf-8").replace('"terms": ', '"terms": 1'), "utf-8")
    assert open_index(tmp_path, "s1", embedder, COUNTS) is None


@pytest.fixture
def store_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A store file whose vectors are cached beside it, not in the user's cache."""
    monkeypatch.setenv("SSE_ATLAS_CACHE_DIR", str(tmp_path / "cache"))
    return tmp_path / "atlas.sqlite3"


def test_engine_for_opens_the_index_another_process_wrote_and_follows_its_writes(
    store_path: Path,
) -> None:
    embedder = HashingEmbedder()
    path = store_path
    # two connections to one file stand for two processes: each has its own engine
    with open_repository(path) as writer, open_repository(path) as reader:
        writer.replace_catalogue(_catalogue("Monnaie sociale"), QualityReport("demo.txt"))
        built = engine_for(writer, embedder)
        opened = engine_for(reader, embedder)
        writer.replace_catalogue(_catalogue("Banque éthique"), QualityReport("demo.txt"))
        engine_for(writer, embedder)
        embedded = embedder.embedded
        followed = engine_for(reader, embedder)
        hits = followed.search(SearchQuery(text="banque", mode="lexical")).hits
        assert (
            isinstance(built.documents, list),
            isinstance(opened.documents, StoredDocuments),
            isinstance(followed.documents, StoredDocuments),
            [h.title for h in hits],
            embedder.embedded - embedded,
            sorted(
                p.name.split("-")[0] == followed.stamp
                for p in (path.parent / "atlas.sqlite3.index").iterdir()
            ),
        ) == (True, True, True, ["Banque éthique"], 0, [False, True])


def test_index_directory_beside_the_file_or_configured(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(ENV_INDEX_DIR, raising=False)
    with open_repository(tmp_path / "a.db") as on_disk, open_repository(":memory:") as memory:
        beside = (index_directory(on_disk), index_directory(memory))
        monkeypatch.setenv(ENV_INDEX_DIR, str(tmp_path / "indexes"))
        configured = index_directory(on_disk)
        assert (beside, configured is not None and configured.parent) == (
            (tmp_path / "a.db.index", None),
            tmp_path / "indexes",
        )


def test_engine_for_rebuilds_and_rewrites_a_damaged_index(store_path: Path) -> None:
    embedder = HashingEmbedder()
    path = store_path
    with open_repository(path) as writer:
        writer.replace_catalogue(_catalogue("Monnaie sociale"), QualityReport("demo.txt"))
        engine_for(writer, embedder)
    for postings in (path.parent / "atlas.sqlite3.index").glob("*/postings.npy"):
        postings.write_bytes(b"damaged")
    with open_repository(path) as first, open_repository(path) as second:
        rebuilt = engine_for(first, embedder)
        reopened = engine_for(second, embedder)
        hits = reopened.search(SearchQuery(text="monnaie", mode="lexical")).hits
        assert (
            isinstance(rebuilt.documents, list),
            isinstance(reopened.documents, StoredDocuments),
            [h.title for h in hits],
        ) == (True, True, ["Monnaie sociale"])
