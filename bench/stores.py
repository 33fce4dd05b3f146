"""SQLite against PostgreSQL: writes, reads and page throughput, as ratios to SQLite in one run.

Run beside a throwaway server: ``scripts/with-postgres .venv/bin/python -m bench.stores
--size 10000`` (or ``--postgres URL``: a database is created there and dropped after). The
records are renamed copies of the seed catalogue (``--size`` initiatives, rounded up to whole
copies), stored as parsed, without enrichment: the store is what is measured. Phases, each on
both backends:

- write: every copy in one ``ingest`` transaction (initiatives/s);
- read all: ``initiatives()``, every record decoded (records/s);
- point reads: ``initiative(id)`` one after another, and from 8 threads at once (reads/s);
- generation: ``generation()``, which every page request now reads for its ETag (reads/s);
- copy: ``db copy`` of the SQLite store into an empty PostgreSQL database (rows/s);
- pages (``--pages``): ``sse-atlas serve`` over each store, an initiative page and the search
  API under ``--clients`` clients, with a static file as the baseline of the same server.

Every loop is bounded by ``--seconds``; servers are stopped and databases dropped at the end.
"""

from __future__ import annotations

import argparse
import asyncio
import copy
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from bench.web import Result, _free_port, _scenario, _wait_until_up
from sse_atlas.ingest.reader import read_document
from sse_atlas.kb import builtin_catalogue_path
from sse_atlas.model import Catalogue, Initiative, QualityReport, Session, Workshop
from sse_atlas.store.postgres import PostgresRepository
from sse_atlas.store.sql import SQLRepository
from sse_atlas.store.sqlite import SQLiteRepository
from sse_atlas.store.transfer import copy_store

THREADS = 8


@dataclass
class Figure:
    phase: str
    unit: str
    sqlite: float
    postgresql: float

    @property
    def ratio(self) -> float:
        """PostgreSQL's rate over SQLite's: above 1 is faster."""
        return self.postgresql / self.sqlite if self.sqlite else 0.0


def _copies(size: int) -> list[tuple[Catalogue, QualityReport]]:
    parsed = read_document(builtin_catalogue_path()).parsed
    assert parsed is not None
    seed = parsed.catalogue
    batch = []
    for index in range(-(-size // len(seed.initiatives))):
        catalogue = copy.deepcopy(seed)
        catalogue.id = f"bench{index:05d}"
        records: list[Session | Workshop | Initiative] = [
            *catalogue.sessions,
            *catalogue.workshops,
            *catalogue.initiatives,
        ]
        for record in records:
            record.catalogue = catalogue.id
        batch.append((catalogue, QualityReport(document=f"{catalogue.id}.txt")))
    return batch


def _rate(count: int, action: Callable[[], object]) -> float:
    start = time.perf_counter()
    action()
    return count / (time.perf_counter() - start)


def _count(seconds: float, action: Callable[[int], object], limit: int) -> int:
    """How many calls of ``action(n)`` run, up to ``limit`` calls or ``seconds``."""
    deadline = time.monotonic() + seconds
    done = 0
    while done < limit and time.monotonic() < deadline:
        action(done)
        done += 1
    return done


def _bounded_rate(seconds: float, action: Callable[[int], object], limit: int) -> float:
    start = time.perf_counter()
    done = _count(seconds, action, limit)
    return done / (time.perf_counter() - start)


def _threaded_rate(seconds: float, action: Callable[[int], object], limit: int) -> float:
    start = time.perf_counter()
    with ThreadPoolExecutor(THREADS) as pool:
        done = sum(pool.map(lambda _: _count(seconds, action, limit // THREADS), range(THREADS)))
    return done / (time.perf_counter() - start)


def _measure(
    repository: SQLRepository, batch: list[tuple[Catalogue, QualityReport]], seconds: float
) -> dict[str, float]:
    size = sum(len(c.initiatives) for c, _ in batch)
    rates = {"write": _rate(size, lambda: repository.ingest(batch, [], []))}
    ids = [initiative.id for catalogue, _ in batch for initiative in catalogue.initiatives]
    rates["read all"] = _rate(size, repository.initiatives)
    shuffled = random.Random(7).sample(ids, len(ids))

    def point(number: int) -> object:
        return repository.initiative(shuffled[number % len(shuffled)])

    rates["point reads"] = _bounded_rate(seconds, point, 4000)
    rates["point reads, 8 threads"] = _threaded_rate(seconds, point, 4000)
    rates["generation"] = _bounded_rate(seconds, lambda _: repository.generation(), 4000)
    return rates


def _sqlite_mb(path: str) -> float:
    """The file and its write-ahead log."""
    files = [Path(path), Path(path + "-wal")]
    return sum(f.stat().st_size for f in files if f.exists()) / 2**20


def _postgres_mb(repository: PostgresRepository) -> float:
    with repository._transaction(write=False) as cursor:
        found = repository._all(cursor, "SELECT pg_database_size(current_database())")
    return int(found[0][0]) / 2**20


def _with_database(url: str, name: str) -> str:
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, f"/{name}", parts.query, parts.fragment))


@contextmanager
def _scratch_database(server: str, suffix: str) -> Iterator[str]:
    import psycopg

    name = f"sse_atlas_bench_{os.getpid()}_{suffix}"
    with psycopg.connect(server, autocommit=True) as admin:
        admin.execute(f"DROP DATABASE IF EXISTS {name}".encode())
        admin.execute(f"CREATE DATABASE {name}".encode())
    try:
        yield _with_database(server, name)
    finally:
        with psycopg.connect(server, autocommit=True) as admin:
            admin.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)".encode())


@dataclass
class Served:
    """One server over one store: seconds from start to the first answer, memory, scenarios."""

    start_seconds: float
    rss_mb: float
    results: list[Result]


def _rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def _pages(db: str, args: argparse.Namespace, initiatives: list[str]) -> Served:
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    command = [sys.executable, "-m", "sse_atlas", "serve", "--db", db, "--port", str(port)]
    started = time.monotonic()
    server = subprocess.Popen(command, stderr=subprocess.DEVNULL)
    html, api = {"Accept": "text/html"}, {"Accept": "application/json"}
    scenarios: list[tuple[str, Callable[[int], str], dict[str, str]]] = [
        ("baseline static", lambda n: "/static/app.css", html),
        ("initiative page", lambda n: f"/initiatives/{initiatives[n % len(initiatives)]}", html),
        ("search API", lambda n: f"/api/v1/search?q=coop%C3%A9rative+{n % 50}&limit=20", api),
    ]
    try:
        _wait_until_up(base, server, seconds=600)
        start_seconds = time.monotonic() - started
        results = []
        for name, paths, headers in scenarios:
            warm = (base, name, paths, args.clients, 20, args.seconds, headers)
            asyncio.run(_scenario(*warm))
            measured = (base, name, paths, args.clients, args.requests, args.seconds, headers)
            results.append(asyncio.run(_scenario(*measured)))
        return Served(round(start_seconds, 1), round(_rss_mb(server.pid), 1), results)
    finally:
        server.terminate()
        server.wait(timeout=30)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--size", type=int, default=2000, help="initiatives (default 2000)")
    parser.add_argument("--seconds", type=float, default=20, help="longest a loop runs")
    parser.add_argument("--postgres", help="server URL (default: $SSE_ATLAS_TEST_POSTGRES)")
    parser.add_argument("--pages", action="store_true", help="also serve pages from each store")
    parser.add_argument("--clients", type=int, default=20, help="concurrent clients (--pages)")
    parser.add_argument("--requests", type=int, default=400, help="requests a scenario (--pages)")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    args = parser.parse_args(argv)
    server = args.postgres or os.environ.get("SSE_ATLAS_TEST_POSTGRES")
    if not server:
        parser.error("give --postgres URL, or run under scripts/with-postgres")

    batch = _copies(args.size)
    size = sum(len(c.initiatives) for c, _ in batch)
    rows: dict[str, dict[str, float]] = {}
    pages: dict[str, Served] = {}
    with tempfile.TemporaryDirectory() as folder, _scratch_database(server, "main") as url:
        sqlite_path = str(Path(folder) / "atlas.sqlite3")
        with SQLiteRepository(sqlite_path) as sqlite:
            rows["sqlite"] = _measure(sqlite, batch, args.seconds)
        with PostgresRepository(url) as postgres:
            rows["postgresql"] = _measure(postgres, batch, args.seconds)
            disk = {"sqlite": _sqlite_mb(sqlite_path), "postgresql": _postgres_mb(postgres)}
        with (
            _scratch_database(server, "copy") as empty,
            SQLiteRepository(sqlite_path) as source,
            PostgresRepository(empty) as target,
        ):
            start = time.perf_counter()
            outcome = copy_store(source, target)
            copied = sum(outcome.rows.values()) / (time.perf_counter() - start)
        if args.pages:
            initiatives = [i.id for c, _ in batch[:3] for i in c.initiatives]
            pages["sqlite"] = _pages(sqlite_path, args, initiatives)
            pages["postgresql"] = _pages(url, args, initiatives)

    figures = [
        Figure(phase, "records/s", rows["sqlite"][phase], rows["postgresql"][phase])
        for phase in rows["sqlite"]
    ]
    print(f"{size} initiatives ({len(batch)} copies of the seed), both stores on this machine")
    print(f"{'phase':<24} {'unit':<10} {'SQLite':>10} {'PostgreSQL':>11} {'PG / SQLite':>12}")
    for f in figures:
        print(
            f"{f.phase:<24} {f.unit:<10} {f.sqlite:>10.0f} {f.postgresql:>11.0f} {f.ratio:>11.2f}x"
        )
    print(f"{'copy SQLite -> PG':<24} {'rows/s':<10} {copied:>10.0f}")
    print(f"{'disk':<24} {'MB':<10} {disk['sqlite']:>10.1f} {disk['postgresql']:>11.1f}")
    for backend, served in pages.items():
        print(
            f"{backend}: first answer {served.start_seconds} s after start, RSS {served.rss_mb} MB"
        )
        baseline = served.results[0].per_second or 1.0
        for r in served.results:
            print(
                f"{backend:<10} {r.scenario:<16} {r.per_second:>7} req/s  p50 {r.p50_ms} ms"
                f"  p95 {r.p95_ms} ms  errors {r.errors}  ({r.per_second / baseline:.2f}x static)"
            )
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        document = {
            "size": size,
            "figures": [{**asdict(f), "ratio": f.ratio} for f in figures],
            "copy_rows_per_second": copied,
            "disk_mb": disk,
            "pages": {backend: asdict(served) for backend, served in pages.items()},
        }
        args.json.write_text(json.dumps(document, indent=2) + "\n")


if __name__ == "__main__":
    main()
