"""A large knowledge base from perturbed copies of the seed: build, disk, cold start, RSS, search.

Run: ``python -m bench.scale --size 10000 [--work DIR] [--batch 10] [--time-limit 3600]``
(``--build-only``: build or go on building, then stop; ``bench.add`` measures an addition).

Each copy of the seed catalogue gets its own catalogue id and, drawn from a generator seeded by
the copy's number, distinct titles (a word of another title added), texts (sentences of another
initiative mixed in, one dropped), places (another initiative's place), people (first and last
names recombined) and organisation names (most carry their new city). Copies are written as
interchange JSON files under ``DIR/catalogues`` and ingested ``--batch`` files per call.

``--stand-in-vectors`` embeds with a hashed bag of words instead of the sentence encoder (a
fraction of a millisecond a text instead of 10-15 ms), under the encoder's name and in a cache
of the work folder's own: a 100k base builds in about an hour on two cores, for measuring
serving (start-up, memory, pages); never for relevance. Queries are still embedded for real.

The build is resumable: files already written are kept, catalogues already in the store are
skipped, and vectors come from the shared vector cache; progress goes to stderr. A run stopped
by ``--time-limit`` (or Ctrl-C) goes on where it stopped when started again with the same DIR.

Then, each in a fresh process (the way a server worker starts): cold start to the first search
answer, with the persistent index and (``--rebuild``) without it; RSS; search p50/p95 at one
client over the judged queries; and the time and peak memory of adding one more catalogue (to a
copy of the store). The baseline is the same measure over the seed alone, in the same run: the
ratios compare across machines.
"""

from __future__ import annotations

import argparse
import copy
import hashlib
import json
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from sse_atlas.ingest.reader import read_document
from sse_atlas.kb import KnowledgeBase, builtin_catalogue_path
from sse_atlas.model import Catalogue, Dataset
from sse_atlas.model.interchange import dataset_to_document
from sse_atlas.search import engine_for
from sse_atlas.search.semantic import Embedder, FloatMatrix, default_embedder, normalise
from sse_atlas.search.service import embed_records

JUDGEMENTS = Path(__file__).parent / "judgements" / "queries.jsonl"
_WORD = re.compile(r"\w+")
_SENTENCE = re.compile(r"(?<=[.!?])\s+")


def _seed() -> Catalogue:
    parsed = read_document(builtin_catalogue_path()).parsed
    assert parsed is not None
    return parsed.catalogue


def perturbed(seed: Catalogue, number: int) -> Catalogue:
    """Copy ``number`` of the seed: same structure, its own id, titles, texts, places, people."""
    rng = random.Random(number)
    catalogue = copy.deepcopy(seed)
    catalogue.id = f"scale{number:06d}-fr"
    catalogue.sha256 = None
    originals = seed.initiatives
    words = sorted({w for i in originals for w in i.title.split() if len(w) > 5 and w.isalpha()})
    names = [p.name.split() for i in originals for p in i.presenters if len(p.name.split()) > 1]
    firsts = sorted({n[0] for n in names})
    lasts = sorted({" ".join(n[1:]) for n in names})
    for record in [*catalogue.days, *catalogue.sessions, *catalogue.workshops]:
        if hasattr(record, "catalogue"):
            record.catalogue = catalogue.id
    for initiative in catalogue.initiatives:
        initiative.catalogue = catalogue.id
        initiative.title = f"{initiative.title} {rng.choice(words).lower()} {number}"
        other = rng.choice(originals)
        sentences = _SENTENCE.split(initiative.description or "")
        sentences += _SENTENCE.split(other.description or "")[:2]
        rng.shuffle(sentences)
        if len(sentences) > 2:
            sentences.pop(rng.randrange(len(sentences)))
        initiative.description = " ".join(s for s in sentences if s) or None
        initiative.place = copy.deepcopy(rng.choice(originals).place)
        initiative.place.latitude = initiative.place.longitude = initiative.place.precision = None
        if initiative.organisation and rng.random() < 0.7 and initiative.place.city:
            initiative.organisation = f"{initiative.organisation} {initiative.place.city}"
        initiative.organisation_id = None
        for presenter in initiative.presenters:
            presenter.name = f"{rng.choice(firsts)} {rng.choice(lasts)}"
            presenter.person_id = None
    return catalogue


def _write_catalogues(work: Path, count: int) -> list[Path]:
    folder = work / "catalogues"
    folder.mkdir(parents=True, exist_ok=True)
    seed = _seed()
    paths = []
    for number in range(count):
        path = folder / f"scale{number:06d}.json"
        if not path.exists():
            document = dataset_to_document(Dataset(catalogues=[perturbed(seed, number)]))
            temporary = path.with_suffix(".tmp")
            temporary.write_text(json.dumps(document, ensure_ascii=False), "utf-8")
            temporary.replace(path)
        paths.append(path)
    return paths


class StandInVectors:
    """A hashed bag of words projected at random, under the default encoder's name: vectors in
    a fraction of a millisecond a text, for building a base to measure serving, not relevance.
    Their cache is the work folder's own, so no real cache ever holds them."""

    dimension = 512

    def __init__(self) -> None:
        self.name = default_embedder().name
        self._words: dict[str, npt.NDArray[np.float32]] = {}

    def _word(self, word: str) -> npt.NDArray[np.float32]:
        vector = self._words.get(word)
        if vector is None:
            digest = hashlib.blake2b(word.encode("utf-8"), digest_size=8).digest()
            generator = np.random.default_rng(int.from_bytes(digest, "little"))
            vector = generator.standard_normal(self.dimension).astype(np.float32)
            self._words[word] = vector
        return vector

    def embed(self, texts: Sequence[str]) -> FloatMatrix:
        out = np.zeros((len(texts), self.dimension), dtype=np.float32)
        for row, text in enumerate(texts):
            for word in _WORD.findall(text.casefold()):
                out[row] += self._word(word)
        return normalise(out)


def build(
    work: Path, size: int, batch: int, deadline: float, embedder: Embedder | None = None
) -> dict[str, Any]:
    """Ingest copies until ``size`` initiatives are stored (or the deadline passes): each batch
    is enriched, resolved against the stored entities and written, its texts embedded (by
    ``embedder``, the default encoder if None) into the vector cache; the search index is
    built once, at the end, from that cache."""
    per_copy = len(_seed().initiatives)
    paths = _write_catalogues(work, max(1, -(-size // per_copy)))
    started = time.perf_counter()
    added = 0
    timings = {"ingest": 0.0, "embed": 0.0, "index": 0.0}
    with KnowledgeBase.open(work / "atlas.sqlite3") as kb:
        stored = _stored_ids(kb)
        todo = [p for p in paths if f"{p.stem}-fr" not in stored]
        for begin in range(0, len(todo), batch):
            if time.monotonic() > deadline:
                print("time limit reached: run again to go on", file=sys.stderr)
                break
            chunk = todo[begin : begin + batch]
            step = time.perf_counter()
            outcomes = kb.ingest(chunk, index=False)
            timings["ingest"] += time.perf_counter() - step
            step = time.perf_counter()
            ids = [c for outcome in outcomes for c in outcome.catalogues]
            catalogues = kb.repository.raw_catalogues(ids)
            embed_records(
                kb.repository,
                [i for c in catalogues for i in c.initiatives],
                [w for c in catalogues for w in c.workshops],
                embedder,
            )
            timings["embed"] += time.perf_counter() - step
            added += len(chunk) * per_copy
            done = len(paths) - len(todo) + begin + len(chunk)
            rate = added / (time.perf_counter() - started)
            print(
                f"  {done}/{len(paths)} catalogues, {rate:,.0f} initiatives/s"
                f" (ingest {timings['ingest']:,.0f} s, embed {timings['embed']:,.0f} s)",
                file=sys.stderr,
            )
        complete = len(_stored_ids(kb)) == len(paths)
        if complete:
            step = time.perf_counter()
            engine_for(kb.repository)
            timings["index"] = time.perf_counter() - step
            print(f"  index built in {timings['index']:,.0f} s", file=sys.stderr)
    seconds = time.perf_counter() - started
    return {"seconds": seconds, "added": added, "complete": complete, **timings}


def _stored_ids(kb: KnowledgeBase) -> set[str]:
    return set(kb.repository.catalogue_ids())


def disk_size(database: Path) -> int:
    files = [database, *database.parent.glob(f"{database.name}-*")]
    index = database.with_name(f"{database.name}.index")
    if index.is_dir():
        files += [p for p in index.rglob("*") if p.is_file()]
    return sum(p.stat().st_size for p in files if p.is_file())


def _queries() -> list[str]:
    lines = JUDGEMENTS.read_text("utf-8").splitlines()
    return [json.loads(line)["text"] for line in lines if line.strip()]


def probe(database: Path) -> dict[str, Any]:
    """In a fresh process: time to the first answer, RSS, then search latencies."""
    from sse_atlas.search import SearchQuery

    started = time.perf_counter()
    kb = KnowledgeBase.open(database)
    kb.search(SearchQuery(text="monnaie sociale", limit=10))
    cold = time.perf_counter() - started
    latencies = []
    for text in _queries():
        begin = time.perf_counter()
        kb.search(SearchQuery(text=text, limit=10))
        latencies.append((time.perf_counter() - begin) * 1000)
    latencies.sort()
    return {
        "cold_start_s": cold,
        "rss_mb": _rss_mb(),
        "peak_rss_mb": _rss_mb("VmHWM"),
        "p50_ms": statistics.median(latencies),
        "p95_ms": latencies[int(0.95 * (len(latencies) - 1))],
    }


def add_one(database: Path, catalogue: Path) -> dict[str, Any]:
    """In a fresh process: ingest one more catalogue; its time and the process's peak memory."""
    started = time.perf_counter()
    with KnowledgeBase.open(database) as kb:
        kb.ingest([catalogue])
    return {
        "seconds": time.perf_counter() - started,
        "peak_rss_mb": _rss_mb("VmHWM"),
    }


def _rss_mb(field: str = "VmRSS") -> float:
    """Resident memory now (or at its peak with ``VmHWM``, which, unlike ``ru_maxrss``, does
    not count the parent's memory before the fork)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(f"{field}:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def _child(*args: str, env: dict[str, str] | None = None) -> dict[str, Any]:
    command = [sys.executable, "-m", "bench.scale", *args]
    done = subprocess.run(
        command, capture_output=True, text=True, check=True, env={**os.environ, **(env or {})}
    )
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--size", type=int, default=2000, help="initiatives (default 2000)")
    parser.add_argument("--work", type=Path, help="kept between runs (default: a temporary one)")
    parser.add_argument("--batch", type=int, default=10, help="catalogues per ingest call")
    parser.add_argument("--time-limit", type=float, default=3600.0, help="seconds of building")
    parser.add_argument("--rebuild", action="store_true", help="also time a start without index")
    parser.add_argument(
        "--build-only", action="store_true", help="build (or go on building), measure nothing"
    )
    parser.add_argument(
        "--stand-in-vectors",
        action="store_true",
        help="hashed bag-of-words vectors instead of the encoder's (to measure serving only)",
    )
    parser.add_argument("--probe", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--add", nargs=2, type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.probe is not None:
        print(json.dumps(probe(args.probe)))
        return
    if args.add is not None:
        print(json.dumps(add_one(*args.add)))
        return

    work = args.work or Path(tempfile.mkdtemp(prefix="sse-atlas-scale-"))
    work.mkdir(parents=True, exist_ok=True)
    deadline = time.monotonic() + args.time_limit
    embedder: Embedder | None = None
    if args.stand_in_vectors:
        # set before any cache is opened: stand-in vectors never reach the shared cache
        os.environ["SSE_ATLAS_CACHE_DIR"] = str(work / "stand-in-cache")
        embedder = StandInVectors()
    print(f"building {args.size:,} initiatives in {work}", file=sys.stderr)
    built = build(work, args.size, args.batch, deadline, embedder)
    database = work / "atlas.sqlite3"
    if args.build_only:
        print(json.dumps({"build": built}))
        return

    base = work / "baseline"
    base.mkdir(exist_ok=True)
    seed_db = base / "seed.sqlite3"
    if not seed_db.exists():
        with KnowledgeBase.open(seed_db) as kb:
            kb.ingest([builtin_catalogue_path()])
    baseline = _child("--probe", str(seed_db))
    opened = _child("--probe", str(database))
    with KnowledgeBase.open(database) as kb:
        stored = kb.repository.counts()
    report: dict[str, Any] = {
        "size": stored.get("initiatives", 0),
        "build": built,
        "disk_mb": disk_size(database) / 1e6,
        "seed": baseline,
        "opened": opened,
    }
    if args.rebuild:
        with tempfile.TemporaryDirectory() as empty:
            report["rebuilt"] = _child("--probe", str(database), env={"SSE_ATLAS_INDEX_DIR": empty})
    with tempfile.TemporaryDirectory() as scratch:
        copied = Path(scratch) / "atlas.sqlite3"
        shutil.copy(database, copied)
        extra = Path(scratch) / "extra.json"
        document = dataset_to_document(Dataset(catalogues=[perturbed(_seed(), 999_999)]))
        extra.write_text(json.dumps(document, ensure_ascii=False), "utf-8")
        report["add_one"] = _child("--add", str(copied), str(extra))
    _print(report)


def _print(report: dict[str, Any]) -> None:
    seed, opened = report["seed"], report["opened"]
    build = report["build"]
    rate = build["added"] / build["seconds"] if build["seconds"] and build["added"] else 0.0
    print(f"size: {report['size']:,} initiatives; disk {report['disk_mb']:,.0f} MB")
    print(f"build: {build['seconds']:,.0f} s for {build['added']:,} added ({rate:,.0f}/s)")
    rows = [("seed (baseline)", seed), ("opened index", opened)]
    if "rebuilt" in report:
        rows.append(("rebuilt index", report["rebuilt"]))
    print(f"{'':16} {'cold s':>8} {'RSS MB':>8} {'peak MB':>8} {'p50 ms':>8} {'p95 ms':>8}")
    for name, row in rows:
        print(
            f"{name:16} {row['cold_start_s']:8.2f} {row['rss_mb']:8.0f} {row['peak_rss_mb']:8.0f}"
            f" {row['p50_ms']:8.1f} {row['p95_ms']:8.1f}"
        )
    for key in ("cold_start_s", "rss_mb", "p50_ms", "p95_ms"):
        print(f"ratio to seed, {key}: {opened[key] / max(seed[key], 1e-9):.2f}x")
    add = report["add_one"]
    print(f"add one catalogue: {add['seconds']:.1f} s, peak {add['peak_rss_mb']:.0f} MB")
    print(json.dumps(report))


if __name__ == "__main__":
    main()
