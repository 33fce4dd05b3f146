"""Web throughput: requests per second and latency percentiles under concurrent clients.

Run: ``python -m bench.web [--clients 20] [--requests 600] [--workers 2]``. The server is
``sse-atlas serve`` in its own process(es) on a free loopback port, over a knowledge base built
from the seed (or ``--db``, a file or a PostgreSQL URL); the clients share one event loop in
this process. Four scenarios, each measured alone: a static file (the baseline), the search
page, an initiative page and the search API. Every loop is bounded by a count of requests and
by ``--seconds``; the server is stopped at the end.

``--mixed`` measures a crowd instead: ``--clients`` (200 by default in this mode) each ask in
turn for a static file and a page (search page, initiative page, search API, statistics) for
``--seconds`` (15 by default; the load target is 60 s), and the report gives errors (any answer
but 200, 503s counted apart as "busy") and percentiles for static files beside each page. The
target: 0 errors, and static files at p95 under 200 ms. The server's ``SSE_ATLAS_WEB_*``
settings come from this process's environment. The machine's load average is printed: on a
shared machine, compare runs made under the same load.
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import json
import os
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


STATIC = ["/static/app.css", "/static/app.js", "/static/vendor/htmx/htmx.min.js"]


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
    busy: int = 0  # 503 answers (the server's queue was full), counted in errors too


def _result(name: str, latencies: list[float], errors: int, wall: float, busy: int = 0) -> Result:
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
        busy=busy,
    )


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
    return _result(name, latencies, errors, wall)


def _page_kinds(initiatives: list[str]) -> list[tuple[str, Callable[[int], str]]]:
    return [
        ("search page", lambda n: f"/?q={QUERIES[n % len(QUERIES)]}"),
        ("initiative page", lambda n: f"/initiatives/{initiatives[n % len(initiatives)]}"),
        ("search API", lambda n: f"/api/v1/search?q={QUERIES[n % len(QUERIES)]}&limit=20"),
        ("stats page", lambda n: "/stats"),
    ]


async def _mixed(
    base: str, clients: int, seconds: float, initiatives: list[str]
) -> tuple[list[Result], Result]:
    """Every client alternates a static file and a page until ``seconds`` are over."""
    kinds: list[tuple[str, Callable[[int], str]]] = [
        ("static files", lambda n: STATIC[n % len(STATIC)]),
        *_page_kinds(initiatives),
    ]
    latencies: dict[str, list[float]] = {name: [] for name, _ in kinds}
    errors = dict.fromkeys(latencies, 0)
    busy = dict.fromkeys(latencies, 0)
    counter = itertools.count()
    deadline = time.monotonic() + seconds

    async def client(http: httpx2.AsyncClient, number: int) -> None:
        turn = number  # clients start at different places of the round
        while time.monotonic() < deadline:
            turn += 1
            kind = 0 if turn % 2 else 1 + (turn // 2) % (len(kinds) - 1)
            name, paths = kinds[kind]
            start = time.perf_counter()
            try:
                response = await http.get(paths(next(counter)), headers={"Accept": "text/html"})
                status = response.status_code
            except httpx2.HTTPError:
                status = 0
            latencies[name].append(time.perf_counter() - start)
            errors[name] += status != 200
            busy[name] += status == 503

    limits = httpx2.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx2.AsyncClient(base_url=base, limits=limits, timeout=60) as http:
        start = time.perf_counter()
        await asyncio.gather(*(client(http, n) for n in range(clients)))
        wall = time.perf_counter() - start
    results = [_result(n, latencies[n], errors[n], wall, busy[n]) for n, _ in kinds]
    every = [value for values in latencies.values() for value in values]
    total = _result("all", every, sum(errors.values()), wall, sum(busy.values()))
    return results, total


async def _run(base: str, args: argparse.Namespace, initiatives: list[str]) -> list[Result]:
    html = {"Accept": "text/html"}
    scenarios: list[tuple[str, Callable[[int], str], dict[str, str]]] = [
        # the baseline: the same server answering a small static file, the least it can do
        ("baseline static", lambda n: "/static/app.css", html),
        *((name, paths, html) for name, paths in _page_kinds(initiatives)[:2]),
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


def _print(results: list[Result], baseline: float) -> None:
    print(
        f"{'scenario':<16} {'requests':>8} {'errors':>6} {'busy':>5} {'req/s':>8} {'p50 ms':>8} "
        f"{'p95 ms':>8} {'max ms':>8} {'p95 / baseline':>15}"
    )
    for r in results:
        print(
            f"{r.scenario:<16} {r.requests:>8} {r.errors:>6} {r.busy:>5} {r.per_second:>8} "
            f"{r.p50_ms:>8} {r.p95_ms:>8} {r.max_ms:>8} {r.p95_ms / (baseline or 1.0):>14.1f}x"
        )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--mixed", action="store_true", help="a crowd on static files and pages")
    parser.add_argument("--clients", type=int, help="concurrent clients (20; 200 with --mixed)")
    parser.add_argument("--requests", type=int, default=600, help="requests per scenario")
    parser.add_argument("--seconds", type=float, help="longest a scenario runs (60; 15 --mixed)")
    parser.add_argument(
        "--db", help="knowledge base, a file or a postgresql:// URL (default: built from the seed)"
    )
    parser.add_argument("--workers", type=int, default=1, help="server processes (serve --workers)")
    parser.add_argument("--json", type=Path, help="also write the results to this file")
    args = parser.parse_args(argv)
    args.clients = args.clients or (200 if args.mixed else 20)
    args.seconds = args.seconds or (15.0 if args.mixed else 60.0)

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
        load_before = os.getloadavg()[0]
        try:
            _wait_until_up(base, server)
            if args.mixed:
                results, total = asyncio.run(_mixed(base, args.clients, args.seconds, initiatives))
                results.append(total)
            else:
                results = asyncio.run(_run(base, args, initiatives))
        finally:
            server.terminate()
            server.wait(timeout=10)

    settings = {k: v for k, v in os.environ.items() if k.startswith("SSE_ATLAS_WEB_")}
    print(
        f"{args.clients} concurrent clients for up to {args.seconds:.0f} s, {args.workers} server "
        f"process(es), server and clients on "
        f"this machine ({os.cpu_count()} cores, load average {load_before:.1f} before, "
        f"{os.getloadavg()[0]:.1f} after); settings {settings or 'default'}"
    )
    _print(results, results[0].p95_ms)
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps([asdict(r) for r in results], indent=2) + "\n")


if __name__ == "__main__":
    main()
