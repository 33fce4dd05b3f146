from __future__ import annotations

from pathlib import Path

from sse_atlas.model import Catalogue, Initiative, QualityReport
from sse_atlas.search import SearchQuery, engine_for
from sse_atlas.store import open_repository
from sse_atlas.store.vectors import cache_directory
from tests.search.conftest import HashingEmbedder


def _catalogue(title: str) -> Catalogue:
    initiative = Initiative(code="1.1.1", title=title, catalogue="demo", description=title)
    return Catalogue(id="demo", language="fr", initiatives=[initiative])


def test_engine_rebuilt_after_ingest_and_reused_otherwise(tmp_path: Path) -> None:
    embedder = HashingEmbedder()
    repository = open_repository(tmp_path / "atlas.sqlite3")
    repository.replace_catalogue(_catalogue("Monnaie sociale"), QualityReport("demo.txt"))
    first = engine_for(repository, embedder)
    same = engine_for(repository, embedder)
    repository.replace_catalogue(_catalogue("Banque éthique"), QualityReport("demo.txt"))
    second = engine_for(repository, embedder)
    hits = second.search(SearchQuery(text="banque", mode="lexical")).hits
    assert (same is first, second is first, [h.title for h in hits]) == (
        True,
        False,
        ["Banque éthique"],
    )
    # the vectors are cached beside the database, in a file named after the model
    assert [p.name for p in (cache_directory(repository) or tmp_path).iterdir()] == [
        "vectors-hashing-test-1.npz"
    ]
    repository.close()


def test_in_memory_database_keeps_no_cache() -> None:
    with open_repository(":memory:") as repository:
        assert cache_directory(repository) is None
