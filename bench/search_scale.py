"""Search at scale: a search index of 100k or 1M records built directly, opened like a worker.

Run: ``python -m bench.search_scale --size 100000 [--work DIR] [--time-limit 1800]``.

A million records through the store would take hours here, so this builds the **search index
alone**: no store, no ingest, no enrichment. Its documents are perturbed copies of the seed's own
search documents (the seed is ingested once into a scratch store for them), changed the way
``bench/scale.py`` changes its catalogue copies: each copy its own catalogue id, a word of
another title and the copy's number added to every title, sentences of another record mixed
into the description and one dropped, the place of another record, recombined people's names,
and most organisation names carrying their new city.

**The vectors are synthetic**: each copy of a record gets the seed's real USE vector of that
record's text plus Gaussian noise (``--noise``, per dimension), renormalised; embedding a
million distinct texts would take days here. Queries are embedded for real.

The index is written with ``save_index`` and opened in a fresh process with ``open_index``, as a
server worker opens it. That process reports the open time, RSS, then search latencies over the
judged queries (``bench/judgements/independent/dev.jsonl``): one client (each query once, so no
query vector is cached; then a second pass, cached), and 20 threads at once in one process, with
BLAS at the library's own thread count and pinned to one thread. The baseline is the same
measure over the seed alone (about 100 records) in the same run: ratios compare across machines.
``--time-limit`` bounds the build (a build cut short measures the records it made);
``--work DIR --reuse`` measures an index built by an earlier run of the same ``--size`` again.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import numpy as np

from bench.scale import _rss_mb
from sse_atlas.search import SearchEngine, SearchQuery
from sse_atlas.search.documents import SearchDocument
from sse_atlas.search.semantic import FloatMatrix, normalise

QUERIES = Path(__file__).parent / "judgements" / "independent" / "dev.jsonl"
STAMP = "bench"
COUNTS = {"records": 0}
_SENTENCE = re.compile(r"(?<=[.!?])\s+")


def seed_parts(work: Path) -> tuple[list[SearchDocument], FloatMatrix]:
    """The seed's search documents and their real USE vectors (ingested once under ``work``)."""
    from sse_atlas.kb import KnowledgeBase, builtin_catalogue_path
    from sse_atlas.search import engine_for

    with KnowledgeBase.open(work / "seed.sqlite3") as kb:
        if not kb.catalogues():
            kb.ingest([builtin_catalogue_path()])
        engine = engine_for(kb.repository)
        documents = list(engine.documents)
        if engine.vectors is None:
            raise SystemExit("the seed's engine has no vectors")
        vectors = np.stack([engine.vectors.vector(row) for row in range(len(documents))])
    return documents, vectors


def _people(document: SearchDocument) -> list[str]:
    return [line for name, text in document.fields if name == "people" for line in text.split("\n")]


class Perturber:
    """Copies of the seed's documents, changed as ``bench.scale.perturbed`` changes records."""

    def __init__(self, seed: Sequence[SearchDocument]) -> None:
        self.seed = list(seed)
        self.initiatives = [d for d in seed if d.kind == "initiative"]
        titles = (d.title for d in self.initiatives)
        self.words = sorted({w for t in titles for w in t.split() if len(w) > 5 and w.isalpha()})
        names = [p.split() for d in self.initiatives for p in _people(d) if len(p.split()) > 1]
        self.firsts = sorted({n[0] for n in names})
        self.lasts = sorted({" ".join(n[1:]) for n in names})

    def copy(self, number: int) -> list[SearchDocument]:
        rng = random.Random(number)
        catalogue = f"scale{number:06d}-fr"
        return [self._record(d, number, catalogue, rng) for d in self.seed]

    def _record(
        self, document: SearchDocument, number: int, catalogue: str, rng: random.Random
    ) -> SearchDocument:
        title = f"{document.title} {rng.choice(self.words).lower()} {number}"
        facets = dict(document.facets)
        facets["catalogue"] = (catalogue,)
        if "workshop" in facets:
            facets["workshop"] = tuple(
                f"{catalogue}/{v.split('/', 1)[1]}" for v in facets["workshop"]
            )
        fields = dict(document.fields)
        fields["title"] = title
        if document.kind != "initiative":
            return dataclasses.replace(
                document,
                id=f"{catalogue}/{document.code}",
                title=title,
                catalogue=catalogue,
                fields=tuple(fields.items()),
                facets=facets,
                semantic_text=_join(title, document.organisation, document.body),
            )
        other = rng.choice(self.initiatives)
        sentences = _SENTENCE.split(document.body) + _SENTENCE.split(other.body)[:2]
        rng.shuffle(sentences)
        if len(sentences) > 2:
            sentences.pop(rng.randrange(len(sentences)))
        body = " ".join(s for s in sentences if s)
        place = rng.choice(self.initiatives)  # another record's place
        for facet in ("country", "continent", "un_region"):
            facets.pop(facet, None)
            if facet in place.facets:
                facets[facet] = place.facets[facet]
        fields["place"] = dict(place.fields).get("place", "")
        organisation = document.organisation
        if organisation and rng.random() < 0.7 and place.city:
            organisation = f"{organisation} {place.city}"
            fields["organisation"] = organisation
        people = _people(document)
        if people:
            names = [f"{rng.choice(self.firsts)} {rng.choice(self.lasts)}" for _ in people]
            fields["people"] = "\n".join(names)
        fields["body"] = body
        return dataclasses.replace(
            document,
            id=f"{catalogue}/{document.code}",
            title=title,
            catalogue=catalogue,
            body=body,
            fields=tuple((name, text) for name, text in fields.items() if text),
            semantic_text=_join(title, organisation, body),
            facets=facets,
            organisation=organisation,
            city=place.city,
            country_code=place.country_code,
            region=place.region,
        )


def _join(*parts: str | None) -> str:
    return "\n".join(part for part in parts if part)


def copies(
    seed: tuple[Sequence[SearchDocument], FloatMatrix],
    size: int,
    noise: float,
    deadline: float = float("inf"),
) -> tuple[list[SearchDocument], FloatMatrix]:
    """``size`` perturbed documents (fewer if ``deadline`` passes) and their synthetic vectors:
    each the vector of the seed record it copies plus Gaussian noise, renormalised."""
    documents, vectors = seed
    perturber = Perturber(documents)
    made: list[SearchDocument] = []
    rows: list[int] = []
    number = 0
    while len(made) < size and time.monotonic() < deadline:
        copied = perturber.copy(number)[: size - len(made)]
        made.extend(copied)
        rows.extend(range(len(copied)))
        number += 1
        if number % 1000 == 0:
            print(f"  {len(made):,} documents", file=sys.stderr)
    rng = np.random.default_rng(0)
    matrix = np.empty((len(made), vectors.shape[1]), dtype=np.float32)
    for begin in range(0, len(made), 65_536):
        chunk = np.asarray(rows[begin : begin + 65_536])
        shaken = vectors[chunk] + rng.normal(0.0, noise, (chunk.size, vectors.shape[1]))
        matrix[begin : begin + chunk.size] = normalise(shaken.astype(np.float32))
    return made, matrix


def build(
    work: Path,
    size: int,
    noise: float,
    deadline: float,
    seed: tuple[list[SearchDocument], FloatMatrix],
) -> dict[str, Any]:
    """Documents and vectors for ``size`` records, an engine over them, saved under ``work``."""
    from sse_atlas.search.persistent import save_index
    from sse_atlas.search.semantic import default_embedder

    started = time.perf_counter()
    made, matrix = copies(seed, size, noise, deadline)
    generated = time.perf_counter() - started
    print(f"  {len(made):,} documents in {generated:.0f} s; indexing", file=sys.stderr)
    engine = SearchEngine(made, default_embedder(), matrix, stamp=STAMP)
    indexed = time.perf_counter() - started
    print(f"  indexed in {indexed - generated:.0f} s; saving", file=sys.stderr)
    folder = save_index(engine, work / "index", {"records": len(made)})
    total = time.perf_counter() - started
    return {
        "records": len(made),
        "generate_s": generated,
        "index_s": indexed - generated,
        "save_s": total - indexed,
        "build_s": total,
        "disk_mb": sum(p.stat().st_size for p in folder.iterdir()) / 1e6,
        "folder": str(folder),
    }


def _queries() -> list[str]:
    lines = QUERIES.read_text("utf-8").splitlines()
    return [json.loads(line)["text"] for line in lines if line.strip()]


def _percentiles(latencies: list[float]) -> dict[str, float]:
    ordered = sorted(latencies)
    return {
        "p50_ms": statistics.median(ordered),
        "p95_ms": ordered[int(0.95 * (len(ordered) - 1))],
    }


def probe(index: Path, records: int, clients: int, rounds: int) -> dict[str, Any]:
    """In a fresh process, as a server worker: open the index, then time searches."""
    from threadpoolctl import threadpool_limits

    from sse_atlas.search.persistent import open_index
    from sse_atlas.search.semantic import default_embedder

    embedder = default_embedder()
    embedder.embed(["warm"])  # the encoder's own start is not the index's
    started = time.perf_counter()
    engine = open_index(index, STAMP, embedder, {"records": records})
    if engine is None:
        raise SystemExit(f"{index}: no index for {records} records")
    opened = time.perf_counter() - started
    rss_open = _rss_mb()
    engine.search(SearchQuery(text="monnaie sociale", limit=10))
    first = time.perf_counter() - started
    texts = _queries()

    def timed(text: str) -> float:
        begin = time.perf_counter()
        engine.search(SearchQuery(text=text, limit=10))
        return (time.perf_counter() - begin) * 1000

    report: dict[str, Any] = {"open_s": opened, "first_answer_s": first, "rss_open_mb": rss_open}
    for name in ("one", "one_cached"):  # the first pass embeds every query, the second none
        cpu = time.process_time()
        report[name] = _percentiles([timed(t) for t in texts])
        report[name]["cpu_ms"] = (time.process_time() - cpu) * 1000 / len(texts)
    for name, limit in (("many", None), ("many_pinned", 1)):
        with threadpool_limits(limits=limit, user_api="blas"):
            cpu = time.process_time()
            begin = time.perf_counter()
            with ThreadPoolExecutor(clients) as pool:
                latencies = list(pool.map(timed, texts * rounds))
            wall = time.perf_counter() - begin
            report[name] = {
                **_percentiles(latencies),
                "per_s": len(latencies) / wall,
                "cpu_ms": (time.process_time() - cpu) * 1000 / len(latencies),
            }
    report["rss_mb"] = _rss_mb()
    report["anon_mb"] = _rss_mb("RssAnon")  # the rest is mapped index pages, shared
    report["peak_rss_mb"] = _rss_mb("VmHWM")
    return report


def _child(index: str, records: int, clients: int, rounds: int) -> dict[str, Any]:
    command = [sys.executable, "-m", "bench.search_scale", "--probe", index, str(records)]
    command += ["--clients", str(clients), "--rounds", str(rounds)]
    done = subprocess.run(command, capture_output=True, text=True, check=True)
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def _seed_index(work: Path, seed: tuple[list[SearchDocument], FloatMatrix]) -> dict[str, Any]:
    from sse_atlas.search.persistent import save_index
    from sse_atlas.search.semantic import default_embedder

    documents, vectors = seed
    engine = SearchEngine(documents, default_embedder(), vectors, stamp=STAMP)
    folder = save_index(engine, work / "seed-index", {"records": len(documents)})
    return {"records": len(documents), "folder": str(folder)}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--size", type=int, default=10_000, help="records (default 10000)")
    parser.add_argument("--work", type=Path, help="kept between runs (default: a temporary one)")
    parser.add_argument("--noise", type=float, default=0.01, help="vector noise per dimension")
    parser.add_argument("--clients", type=int, default=20, help="threads searching at once")
    parser.add_argument("--rounds", type=int, default=2, help="passes over the queries, 20 threads")
    parser.add_argument("--time-limit", type=float, default=1800.0, help="seconds of building")
    parser.add_argument(
        "--reuse", action="store_true", help="measure the index of --work again if of --size"
    )
    parser.add_argument("--probe", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.probe is not None:
        index, records = Path(args.probe[0]), int(args.probe[1])
        print(json.dumps(probe(index.parent, records, args.clients, args.rounds)))
        return
    scratch = args.work is None
    work = args.work or Path(tempfile.mkdtemp(prefix="sse-atlas-search-scale-"))
    work.mkdir(parents=True, exist_ok=True)
    deadline = time.monotonic() + args.time_limit
    try:
        seed = seed_parts(work)
        shutil.rmtree(work / "seed-index", ignore_errors=True)
        record = work / "build.json"
        built = json.loads(record.read_text("utf-8")) if record.is_file() else {}
        if not args.reuse or built.get("records") != args.size:
            shutil.rmtree(work / "index", ignore_errors=True)
            print(f"building {args.size:,} records in {work}", file=sys.stderr)
            built = build(work, args.size, args.noise, deadline, seed)
            record.write_text(json.dumps(built), "utf-8")
        base = _seed_index(work, seed)
        del seed
        report = {
            "size": built["records"],
            "build": built,
            "seed": _child(base["folder"], base["records"], args.clients, args.rounds),
            "opened": _child(built["folder"], built["records"], args.clients, args.rounds),
        }
    finally:
        if scratch:
            shutil.rmtree(work, ignore_errors=True)
    _print(report)


def _print(report: dict[str, Any]) -> None:
    build, seed, opened = report["build"], report["seed"], report["opened"]
    print(f"records: {report['size']:,}; index on disk {build['disk_mb']:,.0f} MB")
    print(
        f"build: {build['build_s']:.0f} s (documents {build['generate_s']:.0f} s, index "
        f"{build['index_s']:.0f} s, save {build['save_s']:.0f} s)"
    )
    rows: list[tuple[str, tuple[str, ...]]] = [
        ("open s", ("open_s",)),
        ("first answer s", ("first_answer_s",)),
        ("RSS after open MB", ("rss_open_mb",)),
        ("RSS after the runs MB", ("rss_mb",)),
        ("of which anonymous (not shared) MB", ("anon_mb",)),
    ]
    for key, label in (
        ("one", "1 client"),
        ("one_cached", "1 client, vectors cached"),
        ("many", "20 threads"),
        ("many_pinned", "20 threads, BLAS 1 thread"),
    ):
        rows += [(f"{label}: {m}", (key, m)) for m in ("p50_ms", "p95_ms", "cpu_ms")]
        if key.startswith("many"):
            rows.append((f"{label}: searches/s", (key, "per_s")))
    print(f"{'':42} {'seed':>9} {'opened':>9} {'ratio':>7}")
    for label, path in rows:
        a, b = _at(seed, path), _at(opened, path)
        print(f"{label:42} {a:9.1f} {b:9.1f} {b / max(a, 1e-9):6.2f}x")
    print(json.dumps(report))


def _at(row: dict[str, Any], path: tuple[str, ...]) -> float:
    value: Any = row
    for key in path:
        value = value[key]
    return float(value)


if __name__ == "__main__":
    main()
