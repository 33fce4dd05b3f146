from __future__ import annotations

from pathlib import Path

import pytest

from sse_atlas.model import Catalogue, Initiative, QualityReport
from sse_atlas.search import SearchQuery, engine_for
from sse_atlas.store import open_repository
from sse_atlas.store.vectors import cache_directory
from tests.search.conftest import HashingEmbedder


def _catalogue(title: str) -> Catalogue:
    initiative = Initiative(code="1.1.1", title=title, catalogue="demo", description=title)
    return Catalogue(id="demo", language="fr", initiatives=[initiative])


def test_engine_rebuilt_after_ingest_and_reused_otherwise(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SSE_ATLAS_CACHE_DIR", str(tmp_path / "cache"))
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
    # the vectors are cached in the user's cache folder, in a folder named after the model
    assert [p.name for p in cache_directory(repository).iterdir()] == ["vectors-hashing-test-1"]
    repository.close()


def test_every_database_shares_one_vector_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SSE_ATLAS_CACHE_DIR", str(tmp_path))
    with open_repository(":memory:") as memory, open_repository(tmp_path / "a.db") as on_disk:
        assert cache_directory(memory) == cache_directory(on_disk) == tmp_path / "vectors"
