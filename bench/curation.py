"""Cost of a correction through the write API, against reading the same record in the same run.

Run: ``python -m bench.curation [--edits 30] [--seconds 60]``. Builds a knowledge base from the
seed in a temporary folder, makes an editor and a write token, then, in process (Starlette's test
client, no network): reads an initiative through the API (the baseline), changes its title
with ``PATCH`` + ``If-Match`` (a transaction, the change log, and the pages and search brought up
to date), and changes its city (geocoded again too). Prints median and p95 milliseconds and each
median as a ratio to the baseline; ``--json`` for a machine-readable line.
"""

from __future__ import annotations

import argparse
import json
import statistics
import tempfile
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path

from fastapi.testclient import TestClient

from sse_atlas.kb import KnowledgeBase, builtin_catalogue_path
from sse_atlas.store.curation_types import Role, Scope
from sse_atlas.web import create_app


@dataclass
class Result:
    scenario: str
    runs: int
    median_ms: float
    p95_ms: float
    ratio: float  # median over the baseline's median


def _timed(runs: int, deadline: float, call: Callable[[int], None]) -> list[float]:
    times: list[float] = []
    for index in range(runs):
        if time.monotonic() > deadline:
            break
        start = time.perf_counter()
        call(index)
        times.append((time.perf_counter() - start) * 1000)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--edits", type=int, default=30, help="runs per scenario")
    parser.add_argument("--seconds", type=float, default=60.0, help="time limit per scenario")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        kb = KnowledgeBase.open(Path(folder) / "bench.sqlite3")
        kb.ingest([builtin_catalogue_path()])
        kb.repository.curation.add_user("bench", "a long enough password", Role.EDITOR)
        _, token = kb.repository.curation.create_token("bench", Scope.WRITE)
        client = TestClient(create_app(kb))
        url = "/api/v1/initiatives/gsef2018-fr/1.1.1"
        auth = {"Authorization": f"Bearer {token}"}

        def read(_: int) -> None:
            assert client.get(url).status_code == 200

        def patch(fields: Callable[[int], dict[str, object]]) -> Callable[[int], None]:
            def call(index: int) -> None:
                etag = client.get(f"{url}/history").headers["etag"]
                body = {"reason": "bench", "fields": fields(index)}
                answer = client.patch(url, json=body, headers={**auth, "If-Match": etag})
                assert answer.status_code == 200, answer.text

            return call

        cities = ["Lyon", "Bilbao", "Montréal", "Dakar"]
        scenarios: list[tuple[str, Callable[[int], None]]] = [
            ("read initiative (baseline)", read),
            ("patch title", patch(lambda i: {"title": f"Titre {i}"})),
            ("patch city (geocoded)", patch(lambda i: {"place.city": cities[i % len(cities)]})),
        ]
        results: list[Result] = []
        base = 0.0
        for name, call in scenarios:
            call(0)  # warm up (the gazetteer loads on the first geocoding)
            times = _timed(args.edits, time.monotonic() + args.seconds, call)
            median = statistics.median(times)
            base = base or median
            p95 = sorted(times)[max(0, int(len(times) * 0.95) - 1)]
            results.append(Result(name, len(times), round(median, 1), round(p95, 1), 0.0))
            results[-1].ratio = round(median / base, 1)
        kb.close()
    if args.json:
        print(json.dumps([asdict(r) for r in results]))
        return
    for r in results:
        print(
            f"{r.scenario:30} {r.runs:4} runs  median {r.median_ms:7.1f} ms  "
            f"p95 {r.p95_ms:7.1f} ms  ×{r.ratio}"
        )


if __name__ == "__main__":
    main()
