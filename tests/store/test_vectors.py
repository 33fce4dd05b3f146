"""The vector cache: append-only shards, a bounded merge, damage ignored, writers side by side."""

from __future__ import annotations

import multiprocessing
from pathlib import Path

import numpy as np

from sse_atlas.store.vectors import FloatMatrix, VectorCache

MODEL = "test-model/1"


def _rows(keys: list[str], seed: int = 0) -> FloatMatrix:
    rng = np.random.default_rng(seed)
    return rng.standard_normal((len(keys), 4)).astype(np.float32)


def test_vectors_each_write_adds_one_shard_of_new_rows(tmp_path: Path) -> None:
    cache = VectorCache(tmp_path, MODEL)
    cache.add(["a", "b"], _rows(["a", "b"]))
    first = cache.shards()
    cache.add(["c"], _rows(["c"]))
    shards = cache.shards()
    assert (len(shards), shards[0] == first[0], sorted(cache.load())) == (2, True, ["a", "b", "c"])


def test_vectors_merge_keeps_used_rows_first_within_bound(tmp_path: Path) -> None:
    cache = VectorCache(tmp_path, MODEL, max_rows=3, max_shards=2)
    for key in ["a", "b", "c"]:  # the third shard is one too many: merged into one
        cache.add([key], _rows([key]), used=[key])
    merged = len(cache.shards())
    cache.add(["d", "e"], _rows(["d", "e"]))
    cache.add(["f"], _rows(["f"]), used=["a", "f"])
    # rows in use first (a, f), then the most recently written (e) up to three
    assert (merged, len(cache.shards()), sorted(cache.load())) == (1, 1, ["a", "e", "f"])


def test_vectors_damaged_shard_ignored_and_removed(tmp_path: Path) -> None:
    cache = VectorCache(tmp_path, MODEL)
    cache.add(["a"], _rows(["a"]))
    cache.add(["b"], _rows(["b"]))
    damaged = cache.shards()[0]
    damaged.write_bytes(damaged.read_bytes()[:40])
    assert (sorted(cache.load()), damaged.exists()) == (["b"], False)


def test_vectors_other_model_not_read(tmp_path: Path) -> None:
    VectorCache(tmp_path, MODEL).add(["a"], _rows(["a"]))
    assert VectorCache(tmp_path, "test-model/2").load() == {}


def _writer(directory: str, worker: int) -> None:
    cache = VectorCache(Path(directory), MODEL, max_shards=4)
    for batch in range(10):
        keys = [f"{worker}-{batch}-{n}" for n in range(5)]
        cache.add(keys, _rows(keys, worker * 100 + batch), used=keys)


def test_vectors_concurrent_writers_lose_nothing(tmp_path: Path) -> None:
    context = multiprocessing.get_context("spawn")
    workers = [context.Process(target=_writer, args=(str(tmp_path), n)) for n in range(4)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=120)
    expected = sorted(f"{w}-{b}-{n}" for w in range(4) for b in range(10) for n in range(5))
    cache = VectorCache(tmp_path, MODEL)
    assert ([w.exitcode for w in workers], sorted(cache.load())) == ([0, 0, 0, 0], expected)


def test_vectors_single_file_of_earlier_versions_read_then_merged(tmp_path: Path) -> None:
    legacy = tmp_path / "vectors-test-model-1.npz"
    np.savez(legacy, model=np.array(MODEL), keys=np.array(["a"]), vectors=_rows(["a"]))
    cache = VectorCache(tmp_path, MODEL)
    before = sorted(cache.load())
    cache.compact()
    assert (before, sorted(cache.load()), legacy.exists()) == (["a"], ["a"], False)
