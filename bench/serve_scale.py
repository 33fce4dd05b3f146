"""The server over a large store: cold start, memory per worker, and pages under 20 clients.

Run: ``python -m bench.serve_scale --db PATH_OR_URL [--workers 2] [--clients 20]
[--requests 2000] [--seconds 30] [--wrk]``. The store (a SQLite file or a PostgreSQL URL) must
already hold its saved search index (``bench.scale`` writes both); the bench never writes to
it except what opening it applies (migrations), so copy a shared file first.

``sse-atlas serve --workers N`` starts on a free loopback port; the report gives:

- **cold start**: seconds from starting the process to the first answer of ``/api/v1/search``;
- **memory**: the resident set of every process of the server's tree (and its proportional
  share, which counts a page mapped by two workers once), summed, and per worker;
- **pages**: requests per second and latency percentiles of an initiative page (a different
  initiative each request, so no answer is a kept one), the search API, and a static file as
  the baseline measured in the same run; ratios to that baseline. The server's cache of
  answers is off (``--cache`` keeps it), so every answer is computed. ``--wrk`` drives the same
  scenarios with ``wrk`` too (when installed), whose C load generator takes less of the
  cores the server shares with this Python one;
- **server CPU per answer**: the CPU time the server's processes used during a scenario over
  its answers, which a busy machine changes far less than rates and latencies.

Every loop is bounded by ``--requests`` and ``--seconds``; the server is stopped at the end.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import re
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from urllib.parse import quote

import httpx2

from bench.web import QUERIES, Result, _free_port, _scenario

STATIC = "/static/app.css"


def initiative_ids(db: str, sample: int) -> list[str]:
    """A random sample of the store's initiative ids (read directly: the bench is a client)."""
    query = "SELECT id FROM initiatives"
    if db.startswith(("postgresql://", "postgres://")):
        import psycopg

        with psycopg.connect(db) as connection:
            ids = [str(row[0]) for row in connection.execute(query)]
    else:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as connection:
            ids = [str(row[0]) for row in connection.execute(query)]
    random.Random(11).shuffle(ids)
    return ids[:sample]


def _tree(root: int) -> list[int]:
    """``root`` and every process below it."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        children.setdefault(int(fields[1]), []).append(int(entry.name))
    found, todo = [], [root]
    while todo:
        pid = todo.pop()
        found.append(pid)
        todo.extend(children.get(pid, []))
    return found


def _memory_kb(pid: int) -> tuple[int, int]:
    """(RSS, PSS) of one process in kB (0 when it is gone)."""
    try:
        text = Path(f"/proc/{pid}/smaps_rollup").read_text()
    except OSError:
        return 0, 0
    rss = re.search(r"^Rss:\s+(\d+)", text, re.M)
    pss = re.search(r"^Pss:\s+(\d+)", text, re.M)
    return (int(rss.group(1)) if rss else 0, int(pss.group(1)) if pss else 0)


def memory(root: int) -> tuple[float, float]:
    """(RSS, PSS) of the whole tree in MB."""
    rss = pss = 0
    for pid in _tree(root):
        found = _memory_kb(pid)
        rss += found[0]
        pss += found[1]
    return rss / 1024, pss / 1024


def cpu_seconds(root: int) -> float:
    """CPU time (user and system) the server's processes have used so far."""
    ticks = 0
    for pid in _tree(root):
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        ticks += int(fields[11]) + int(fields[12])  # utime, stime
    return ticks / os.sysconf("SC_CLK_TCK")


def cold_start(base: str, server: subprocess.Popen[bytes], started: float) -> float:
    """Seconds from ``started`` to the first 200 of the search API."""
    deadline = started + 600
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError("the server stopped before answering")
        try:
            response = httpx2.get(f"{base}/api/v1/search?q=coopérative&limit=5", timeout=5)
            if response.status_code == 200:
                return time.monotonic() - started
        except httpx2.HTTPError:
            pass
        time.sleep(0.05)
    raise RuntimeError("the server did not answer within 600 s")


def _scenarios(ids: list[str]) -> list[tuple[str, Callable[[int], str], str]]:
    return [
        ("static (baseline)", lambda n: STATIC, "text/css"),
        ("initiative page", lambda n: f"/initiatives/{ids[n % len(ids)]}", "text/html"),
        (
            "search API",
            lambda n: f"/api/v1/search?q={QUERIES[n % len(QUERIES)]}&limit=20",
            "application/json",
        ),
    ]


def _shifted(paths: Callable[[int], str], by: int) -> Callable[[int], str]:
    """The paths from ``by`` on: a warm-up that asks for none of the measured pages."""
    return lambda n: paths(n + by)


async def _python_load(
    base: str, args: argparse.Namespace, ids: list[str], server: int
) -> tuple[list[Result], list[float]]:
    """The scenarios' results, and the server's CPU milliseconds per answer in each."""
    results = []
    cpu = []
    for name, paths, accept in _scenarios(ids):
        headers = {"Accept": accept}
        # the search API's first use of each query (embedding, pages of the index) apart
        warm = len(QUERIES) if name == "search API" else args.clients
        await _scenario(base, name, _shifted(paths, args.requests), args.clients, warm, 30, headers)
        used = cpu_seconds(server)
        result = await _scenario(
            base, name, paths, args.clients, args.requests, args.seconds, headers
        )
        results.append(result)
        cpu.append((cpu_seconds(server) - used) * 1000 / max(result.requests, 1))
    return results, cpu


_WRK_SCRIPT = """
local paths = {%s}
local counter = 0
request = function()
  counter = counter + 1
  return wrk.format("GET", paths[(counter %% #paths) + 1], {["Accept"] = "%s"})
end
done = function(summary, latency, requests)
  io.write(string.format("RESULT %%d %%d %%f %%f %%f %%f\\n", summary.requests,
    summary.errors.status + summary.errors.connect + summary.errors.read
    + summary.errors.write + summary.errors.timeout,
    summary.duration / 1e6, latency:percentile(50) / 1e3, latency:percentile(95) / 1e3,
    latency.max / 1e3))
end
"""


def _wrk_load(base: str, args: argparse.Namespace, ids: list[str]) -> list[Result]:
    results = []
    seconds = max(int(min(args.seconds, 30)), 5)
    with tempfile.TemporaryDirectory() as folder:
        for name, paths, accept in _scenarios(ids):
            count = 1 if name.startswith("static") else len(ids) if "initiative" in name else 8
            listed = ", ".join(f'"{quote(paths(n), safe="/?=&")}"' for n in range(count))
            script = Path(folder) / "paths.lua"
            script.write_text(_WRK_SCRIPT % (listed, accept))
            command = ["wrk", "-t2", f"-c{args.clients}", f"-d{seconds}s", "-s", str(script), base]
            ran = subprocess.run(command, capture_output=True, text=True, check=False)
            found = re.search(r"^RESULT (\S+) (\S+) (\S+) (\S+) (\S+) (\S+)", ran.stdout, re.M)
            if found is None:
                raise RuntimeError(f"wrk gave no result: {(ran.stdout + ran.stderr)[-300:]}")
            done, errors, wall, p50, p95, top = (float(v) for v in found.groups())
            results.append(
                Result(
                    scenario=name,
                    requests=int(done),
                    errors=int(errors),
                    seconds=round(wall, 2),
                    per_second=round(done / wall, 1),
                    p50_ms=round(p50, 1),
                    p95_ms=round(p95, 1),
                    max_ms=round(top, 1),
                )
            )
    return results


def _table(title: str, results: list[Result], cpu: list[float] | None = None) -> None:
    baseline = results[0]
    print(f"\n{title}")
    print(
        f"{'scenario':<18} {'requests':>8} {'errors':>6} {'req/s':>8} {'p50 ms':>7} {'p95 ms':>7}"
        f" {'req/s / static':>15} {'p95 / static':>13}" + (f" {'server CPU ms':>14}" if cpu else "")
    )
    for number, r in enumerate(results):
        print(
            f"{r.scenario:<18} {r.requests:>8} {r.errors:>6} {r.per_second:>8} {r.p50_ms:>7}"
            f" {r.p95_ms:>7} {r.per_second / (baseline.per_second or 1):>15.2f}"
            f" {r.p95_ms / (baseline.p95_ms or 1):>13.1f}"
            + (f" {cpu[number]:>14.1f}" if cpu else "")
        )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--db", required=True, help="a SQLite file or a postgresql:// URL")
    parser.add_argument("--workers", type=int, default=2, help="server processes (default 2)")
    parser.add_argument("--clients", type=int, default=20, help="concurrent clients (20)")
    parser.add_argument("--requests", type=int, default=2000, help="requests per scenario")
    parser.add_argument("--seconds", type=float, default=30.0, help="longest a scenario runs")
    parser.add_argument("--wrk", action="store_true", help="also load the server with wrk")
    parser.add_argument(
        "--cache",
        action="store_true",
        help="keep the server's cache of answers (off: each computed)",
    )
    args = parser.parse_args(argv)

    ids = initiative_ids(args.db, args.requests * 2)
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    command = [sys.executable, "-m", "sse_atlas", "serve", "--db", args.db, "--port", str(port)]
    command += ["--workers", str(args.workers)]
    started = time.monotonic()
    environment = dict(os.environ)
    if not args.cache:  # every answer computed: a repeated search measures the search
        environment["SSE_ATLAS_WEB_CACHE_MB"] = "0"
    server = subprocess.Popen(command, stderr=subprocess.DEVNULL, env=environment)
    try:
        start = cold_start(base, server, started)
        rss_idle, pss_idle = memory(server.pid)
        results, cpu = asyncio.run(_python_load(base, args, ids, server.pid))
        rss, pss = memory(server.pid)
        wrk = _wrk_load(base, args, ids) if args.wrk and shutil.which("wrk") else None
        if wrk:
            rss, pss = max(rss, memory(server.pid)[0]), max(pss, memory(server.pid)[1])
    finally:
        server.terminate()
        server.wait(timeout=30)

    workers = max(args.workers, 1)
    print(
        f"{args.db}: {args.workers} worker(s), {args.clients} clients, server and clients on this "
        f"machine ({os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} after)"
    )
    print(f"cold start to the first search answer: {start:.2f} s")
    print(
        f"memory of the server's processes: RSS {rss_idle:.0f} MB at start, {rss:.0f} MB after the"
        f" load ({rss / workers:.0f} MB a worker); proportional {pss_idle:.0f} MB, {pss:.0f} MB"
        f" ({pss / workers:.0f} MB a worker)"
    )
    _table("load generated in Python (httpx, this process)", results, cpu)
    if wrk:
        _table("load generated by wrk (2 threads)", wrk)


if __name__ == "__main__":
    main()
