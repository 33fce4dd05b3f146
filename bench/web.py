"""Web throughput: requests per second and latency percentiles under concurrent clients.

Run: ``python -m bench.web [--clients 20] [--requests 600] [--workers 2]``. The server is
``sse-atlas serve`` in its own process(es) on a free loopback port, over a knowledge base built
from the seed (or ``--db``, a file or a PostgreSQL URL); the clients share one event loop in
this process. Four scenarios, each measured alone: a static file (the baseline), the search
page, an initiative page and the search API. Every loop is bounded by a count of requests and
by ``--seconds``; the server is stopped at the end.
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import json
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path

import httpx2

from sse_atlas.kb import KnowledgeBase, builtin_catalogue_path

QUERIES = [
    "coopérative",
    "vivienda social",
    "finance solidaire",
    "women entrepreneurs",
    "économie circulaire",
    "agricultura",
    "youth employment",
    "monnaie locale",
]


@dataclass
class Result:
    scenario: str
    requests: int
    errors: int
    seconds: float
    per_second: float
    p50_ms: float
    p95_ms: float
    max_ms: float


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def _wait_until_up(base: str, server: subprocess.Popen[bytes], seconds: float = 120) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError("the server stopped before answering")
        try:
            if httpx2.get(f"{base}/api/v1/stats", timeout=2).status_code == 200:
                return
        except httpx2.HTTPError:
            pass
        time.sleep(0.2)
    raise RuntimeError(f"the server did not answer within {seconds:.0f} s")


def _percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(fraction * len(ordered)) - 1))
    return ordered[index]


async def _scenario(
    base: str,
    name: str,
    paths: Callable[[int], str],
    clients: int,
    requests: int,
    seconds: float,
    headers: dict[str, str],
) -> Result:
    latencies: list[float] = []
    errors = 0
    counter = itertools.count()
    deadline = time.monotonic() + seconds

    async def client(http: httpx2.AsyncClient) -> None:
        nonlocal errors
        while time.monotonic() < deadline:
            number = next(counter)
            if number >= requests:
                return
            start = time.perf_counter()
            try:
                response = await http.get(paths(number), headers=headers)
                ok = response.status_code == 200
            except httpx2.HTTPError:
                ok = False
            latencies.append(time.perf_counter() - start)
            errors += 0 if ok else 1

    limits = httpx2.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx2.AsyncClient(base_url=base, limits=limits, timeout=30) as http:
        start = time.perf_counter()
        await asyncio.gather(*(client(http) for _ in range(clients)))
        wall = time.perf_counter() - start
    done = len(latencies)
    return Result(
        scenario=name,
        requests=done,
        errors=errors,
        seconds=round(wall, 2),
        per_second=round(done / wall, 1) if wall else 0.0,
        p50_ms=round(statistics.median(latencies) * 1000, 1) if latencies else 0.0,
        p95_ms=round(_percentile(latencies, 0.95) * 1000, 1) if latencies else 0.0,
        max_ms=round(max(latencies) * 1000, 1) if latencies else 0.0,
    )


async def _run(base: str, args: argparse.Namespace, initiatives: list[str]) -> list[Result]:
    html = {"Accept": "text/html"}
    scenarios: list[tuple[str, Callable[[int], str], dict[str, str]]] = [
        # the baseline: the same server answering a small static file, the least it can do
        ("baseline static", lambda n: "/static/app.css", html),
        ("search page", lambda n: f"/?q={QUERIES[n % len(QUERIES)]}", html),
        ("initiative page", lambda n: f"/initiatives/{initiatives[n % len(initiatives)]}", html),
        (
            "search API",
            lambda n: f"/api/v1/search?q={QUERIES[n % len(QUERIES)]}&limit=20",
            {"Accept": "application/json"},
        ),
    ]
    results = []
    for name, paths, headers in scenarios:
        # one pass over the distinct URLs first, so that no first-use cost is measured
        await _scenario(base, name, paths, args.clients, len(QUERIES), args.seconds, headers)
        results.append(
            await _scenario(base, name, paths, args.clients, args.requests, args.seconds, headers)
        )
    return results


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--clients", type=int, default=20, help="concurrent clients")
    parser.add_argument("--requests", type=int, default=600, help="requests per scenario")
    parser.add_argument("--seconds", type=float, default=60, help="longest a scenario runs")
    parser.add_argument(
        "--db", help="knowledge base, a file or a postgresql:// URL (default: built from the seed)"
    )
    parser.add_argument("--workers", type=int, default=1, help="server processes (serve --workers)")
    parser.add_argument("--json", type=Path, help="also write the results to this file")
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory() as folder:
        db: str | None = args.db
        if db is None:
            db = str(Path(folder) / "atlas.sqlite3")
            with KnowledgeBase.open(db) as kb:
                kb.ingest([builtin_catalogue_path()])
        with KnowledgeBase.open(db) as kb:
            initiatives = [i.id for i in kb.initiatives()]
        port = _free_port()
        base = f"http://127.0.0.1:{port}"
        command = [sys.executable, "-m", "sse_atlas", "serve", "--db", db, "--port", str(port)]
        command += ["--workers", str(args.workers)]
        server = subprocess.Popen(command, stderr=subprocess.DEVNULL)
        try:
            _wait_until_up(base, server)
            results = asyncio.run(_run(base, args, initiatives))
        finally:
            server.terminate()
            server.wait(timeout=10)

    print(
        f"{args.clients} concurrent clients, {args.workers} server worker(s),"
        " server and clients on this machine"
    )
    print(
        f"{'scenario':<16} {'requests':>8} {'errors':>6} {'req/s':>8} {'p50 ms':>8} "
        f"{'p95 ms':>8} {'max ms':>8} {'p95 / baseline':>15}"
    )
    baseline = results[0].p95_ms or 1.0
    for r in results:
        print(
            f"{r.scenario:<16} {r.requests:>8} {r.errors:>6} {r.per_second:>8} {r.p50_ms:>8} "
            f"{r.p95_ms:>8} {r.max_ms:>8} {r.p95_ms / baseline:>14.1f}x"
        )
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps([asdict(r) for r in results], indent=2) + "\n")


if __name__ == "__main__":
    main()
