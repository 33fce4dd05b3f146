"""Search latency and memory on synthetic knowledge bases of 1k, 10k and 100k records.

Run: ``python -m bench.latency [--sizes 1000 10000 100000] [--million]``.

Each size runs in its own process (so peak memory is that size's alone) over renamed copies of
the seed catalogue: copy ``k`` is catalogue ``gsef{2100+k}-fr`` with "2018" replaced by its
edition year in every text, as ``bench/ingest.py`` makes them; records are built in memory, not
read from SQLite. Copies repeat the seed's texts, so instead of embedding every copy again
(the encoder's throughput is measured separately, on the seed) each copy gets the seed
record's vector plus a little noise. Queries are the judged queries' texts (the old set and the
independent development and frozen splits), each run once per mode after a warm-up; p50/p95 are
over all of them, in wall-clock time and (second line) in this process's CPU time, which other
processes on a shared machine do not inflate. Query understanding alone
(``SearchEngine.understander.read``) is timed on the same texts, and hybrid search again with it
turned off (``literal=all``), as the baseline of the same run.
``--million`` adds the quantised vector index alone at 1M records.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from dataclasses import replace
from typing import Any

import numpy as np

from bench.relevance import SETS, load_judgements
from sse_atlas.ingest.reader import read_document
from sse_atlas.kb import builtin_catalogue_path
from sse_atlas.model import Initiative, Workshop
from sse_atlas.search import SearchEngine, SearchQuery
from sse_atlas.search.documents import SearchDocument, build_documents
from sse_atlas.search.semantic import MultilingualE5, VectorIndex, default_embedder, normalise

MODES = ("lexical", "semantic", "hybrid")


def _copies(size: int) -> tuple[list[Initiative], list[Workshop]]:
    parsed = read_document(builtin_catalogue_path()).parsed
    assert parsed is not None
    catalogue = parsed.catalogue
    initiatives: list[Initiative] = []
    workshops: list[Workshop] = []
    per_copy = len(catalogue.initiatives) + sum(
        1 for w in catalogue.workshops if w.kind == "coordinated"
    )
    for k in range((size + per_copy - 1) // per_copy):
        year = str(2100 + k)
        name = f"gsef{year}-fr"
        for i in catalogue.initiatives:
            initiatives.append(
                replace(
                    i,
                    catalogue=name,
                    title=i.title.replace("2018", year),
                    description=(i.description or "").replace("2018", year) or None,
                )
            )
        for w in catalogue.workshops:
            workshops.append(replace(w, catalogue=name, title=w.title.replace("2018", year)))
    return initiatives, workshops


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _percentile(values: list[float], share: float) -> float:
    return float(np.percentile(np.array(values), share))


def measure(size: int, sets: list[str] | None = None) -> dict[str, Any]:
    """Build time, per-mode p50/p95 (ms) and peak memory (MB) at ``size`` records."""
    embedder = default_embedder()
    embedder.embed(["warm-up"])
    initiatives, workshops = _copies(size)
    started = time.perf_counter()
    documents = build_documents(initiatives, workshops)[:size]
    documents_s = time.perf_counter() - started
    del initiatives, workshops
    vectors = _seed_vectors(documents, embedder)
    rng = np.random.default_rng(0)
    for start in range(0, len(vectors), 10_000):  # in place, a block at a time
        block = vectors[start : start + 10_000]
        block += 0.02 * rng.standard_normal(block.shape).astype(np.float32)
        block /= np.linalg.norm(block, axis=1, keepdims=True)
    started = time.perf_counter()
    engine = SearchEngine(documents, embedder, vectors)
    build_s = time.perf_counter() - started
    chosen = [SETS[name] for name in (sets or list(SETS)) if SETS[name].exists()]
    texts = [q.text for path in chosen for q in load_judgements(path)]
    timings: dict[str, list[float]] = {mode: [] for mode in MODES}
    cpu: dict[str, list[float]] = {mode: [] for mode in MODES}
    for mode in MODES:
        engine.search(SearchQuery(text=texts[0], mode=mode))
        for text in texts:
            started, started_cpu = time.perf_counter(), time.process_time()
            engine.search(SearchQuery(text=text, mode=mode, limit=10))
            timings[mode].append((time.perf_counter() - started) * 1000)
            cpu[mode].append((time.process_time() - started_cpu) * 1000)
    understand: list[float] = []
    literal: list[float] = []
    for text in texts:
        started = time.perf_counter()
        engine.understander.read(text)
        understand.append((time.perf_counter() - started) * 1000)
        started = time.perf_counter()
        engine.search(SearchQuery(text=text, limit=10, literal=("all",)))
        literal.append((time.perf_counter() - started) * 1000)
    peak = _peak_mb()
    return {
        "understand_ms": {"p50": _percentile(understand, 50), "p95": _percentile(understand, 95)},
        "hybrid_literal_ms": {"p50": _percentile(literal, 50), "p95": _percentile(literal, 95)},
        "size": len(documents),
        "quantised": not engine.vectors.exact if engine.vectors else False,
        "recall@10": _quantised_recall(engine, vectors, texts),
        "documents_s": documents_s,
        "build_s": build_s,
        "vector_index_mb": engine.vectors.nbytes / 2**20 if engine.vectors else 0.0,
        "latency_ms": {
            mode: {"p50": _percentile(t, 50), "p95": _percentile(t, 95)}
            for mode, t in timings.items()
        },
        # CPU time of this process: what a query costs when no other process competes
        "cpu_ms": {
            mode: {"p50": _percentile(t, 50), "p95": _percentile(t, 95)} for mode, t in cpu.items()
        },
        "peak_mb": peak,
    }


def _quantised_recall(
    engine: SearchEngine, vectors: np.ndarray[Any, Any], texts: list[str]
) -> float:
    """Share of the exact top 10 (by cosine) that the quantised index also ranks top 10."""
    if engine.vectors is None or engine.vectors.exact:
        return 1.0
    exact = VectorIndex(vectors)
    shared = 0
    for text in texts:
        query = engine.analyse(text).vector
        assert query is not None
        truth = set(np.argsort(-exact.dense(query))[:10].tolist())
        found = set(np.argsort(-engine.vectors.dense(query))[:10].tolist())
        shared += len(truth & found)
    return shared / (10 * len(texts))


def _seed_vectors(documents: list[SearchDocument], embedder: Any) -> np.ndarray[Any, Any]:
    """The encoder's vector of each record's seed original (copies share texts but "2018")."""
    by_code: dict[tuple[str, str], int] = {}
    originals: list[str] = []
    rows = []
    for document in documents:
        key = (document.kind, document.code)
        if key not in by_code:
            by_code[key] = len(originals)
            originals.append(document.semantic_text)
        rows.append(by_code[key])
    embedded = embedder.embed(originals)
    return np.asarray(embedded[np.array(rows)], dtype=np.float32)


def throughput() -> dict[str, float]:
    """Encoder speed on the seed's records (texts/s) and one query's encoding time (ms)."""
    embedder = default_embedder()
    initiatives, workshops = _copies(1)
    texts = [d.semantic_text for d in build_documents(initiatives, workshops)]
    embedder.embed(texts[:4])
    started = time.perf_counter()
    embedder.embed(texts)
    per_second = len(texts) / (time.perf_counter() - started)
    started = time.perf_counter()
    for _ in range(50):
        embedder.embed(["moneda social"])
    found = {"texts_per_s": per_second, "query_ms": (time.perf_counter() - started) * 20}
    try:
        e5 = MultilingualE5()
    except RuntimeError:
        return found  # the quality extra is not installed
    e5.embed(texts[:4])
    started = time.perf_counter()
    e5.embed(texts)
    found["e5_texts_per_s"] = len(texts) / (time.perf_counter() - started)
    started = time.perf_counter()
    for _ in range(20):
        e5.embed_query(["moneda social"])
    found["e5_query_ms"] = (time.perf_counter() - started) * 50
    return found


def million(count: int = 1_000_000) -> dict[str, float]:
    """The quantised vector index alone at ``count`` records: build, query time and memory."""
    rng = np.random.default_rng(1)
    centres = normalise(rng.standard_normal((200, 512)).astype(np.float32))
    vectors = np.empty((count, 512), dtype=np.float32)
    for start in range(0, count, 100_000):
        block = centres[rng.integers(0, 200, size=min(100_000, count - start))]
        noise = 0.5 * rng.standard_normal(block.shape).astype(np.float32)
        vectors[start : start + block.shape[0]] = normalise(block + noise)
    started = time.perf_counter()
    index = VectorIndex(vectors, exact_limit=0)
    build_s = time.perf_counter() - started
    del vectors
    timings = []
    for i in range(30):
        query = normalise(
            centres[i : i + 1] + 0.3 * rng.standard_normal((1, 512)).astype(np.float32)
        )[0]
        started = time.perf_counter()
        index.similarities(query)
        timings.append((time.perf_counter() - started) * 1000)
    return {
        "size": float(count),
        "build_s": build_s,
        "index_mb": index.nbytes / 2**20,
        "p50_ms": _percentile(timings, 50),
        "p95_ms": _percentile(timings, 95),
        "peak_mb": _peak_mb(),
    }


def _child(argv: list[str]) -> dict[str, Any]:
    output = subprocess.run(
        [sys.executable, "-m", "bench.latency", *argv], check=True, capture_output=True, text=True
    ).stdout
    return dict(json.loads(output.splitlines()[-1]))


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 10_000, 100_000])
    parser.add_argument("--million", action="store_true", help="also the 1M vector index alone")
    parser.add_argument(
        "--child", choices=("size", "throughput", "million"), help=argparse.SUPPRESS
    )
    parser.add_argument("--size", type=int, help=argparse.SUPPRESS)
    parser.add_argument(
        "--sets", nargs="+", choices=tuple(SETS), help="judged sets whose texts are the queries"
    )
    args = parser.parse_args(argv)
    if args.child == "size":
        print(json.dumps(measure(args.size, args.sets)))
        return
    if args.child == "throughput":
        print(json.dumps(throughput()))
        return
    if args.child == "million":
        print(json.dumps(million()))
        return
    speed = _child(["--child", "throughput"])
    print(
        f"encoder: {speed['texts_per_s']:.0f} records/s on the seed's texts, "
        f"{speed['query_ms']:.1f} ms per query"
    )
    if "e5_texts_per_s" in speed:
        print(
            f"e5 encoder: {speed['e5_texts_per_s']:.0f} records/s, "
            f"{speed['e5_query_ms']:.1f} ms per query"
        )
    print(
        f"{'records':>8} {'docs s':>7} {'index s':>8} {'vectors MB':>10} "
        + " ".join(f"{m + ' p50/p95 ms':>22}" for m in MODES)
        + f" {'peak MB':>8} {'vec recall@10':>13}"
    )
    for size in args.sizes:
        row = _child(
            ["--child", "size", "--size", str(size), *(["--sets", *args.sets] if args.sets else [])]
        )
        for clock in ("latency_ms", "cpu_ms"):
            cells = " ".join(
                f"{row[clock][m]['p50']:>11.1f} / {row[clock][m]['p95']:>6.1f}" for m in MODES
            )
            if clock == "latency_ms":
                print(
                    f"{row['size']:>8} {row['documents_s']:>7.2f} {row['build_s']:>8.2f} "
                    f"{row['vector_index_mb']:>10.0f} "
                    f"{cells} {row['peak_mb']:>8.0f} {row['recall@10']:>13.3f}"
                )
            else:
                print(f"{'(cpu time)':>36} {cells}")
        print(
            f"{'':>8} understanding alone p50/p95 {row['understand_ms']['p50']:.2f} / "
            f"{row['understand_ms']['p95']:.2f} ms (target p95 <= 2 ms); hybrid without it "
            f"{row['hybrid_literal_ms']['p50']:.1f} / {row['hybrid_literal_ms']['p95']:.1f} ms"
        )
    if args.million:
        row = _child(["--child", "million"])
        print(
            f"1M vectors, quantised (sign bits + int8): build {row['build_s']:.1f} s, "
            f"{row['index_mb']:.0f} MB, query p50 {row['p50_ms']:.1f} / "
            f"p95 {row['p95_ms']:.1f} ms, peak {row['peak_mb']:.0f} MB"
        )


if __name__ == "__main__":
    main()
