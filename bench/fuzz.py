"""Fuzzed input: how many documents end in a traceback instead of the reader's clean error.

Run: ``python -m bench.fuzz [--count 10000] [--seed 1] [--seconds 900]``. It reads ``--count``
catalogues (slices of the seed catalogue mutated line by line and byte by byte, and generated
ones) and ``--count`` JSON documents (a small export of the seed with one value replaced, a key
dropped or the text cut, and generated JSON values) through ``read_document``, the reader every
command uses. The target is 0 tracebacks; the seed's own read time is the baseline of the run.
"""

from __future__ import annotations

import argparse
import copy
import json
import random
import tempfile
import time
import traceback
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from sse_atlas.enrich.entities import resolve_entities
from sse_atlas.ingest.lines import DocumentError
from sse_atlas.ingest.reader import read_document
from sse_atlas.kb import builtin_catalogue_path
from sse_atlas.model import Dataset
from sse_atlas.model.interchange import dataset_to_document

# pieces a hostile or broken catalogue is made of: headings, numbers, markup, controls
PIECES = [
    "1.1.1 ",
    "9.9 ",
    "ATELIERS SESSION 1",
    "1 Octobre / Lundi",
    "<http://x.org>",
    "www.",
    "javascript:alert(1)",
    "\u202e",
    "\x00",
    "\f",
    "\r",
    "{",
    "Modérateur : ",
    "Coordonné par ",
    "Mme. ",
    ", France.",
    "\ufffe",
    "\ud7ff",
    "=HYPERLINK(1)",
    "(",
    "»",
]


def _random_text(rng: random.Random, size: int) -> str:
    alphabet = "abcdéèçñ ABC.,;:()-/1234567890«»\t\u00a0\u2019\u202e\u0301" + "".join(PIECES)
    return "".join(rng.choice(alphabet) for _ in range(size))


def catalogue_cases(rng: random.Random, seed_lines: list[str]) -> Iterator[bytes]:
    """Mutated slices of the seed, and generated catalogues, as the bytes of a file."""
    while True:
        if rng.random() < 0.15:
            lines = [
                rng.choice(
                    [
                        f"{rng.randint(0, 12)}.{rng.randint(0, 12)}.{rng.randint(0, 12)} "
                        + _random_text(rng, 30),
                        _random_text(rng, rng.randint(0, 120)),
                        rng.choice(PIECES),
                    ]
                )
                for _ in range(rng.randint(1, 60))
            ]
        else:
            start = rng.randrange(len(seed_lines))
            lines = seed_lines[:30] + seed_lines[start : start + rng.randint(1, 250)]
            for _ in range(rng.randint(0, 12)):
                _mutate_lines(rng, lines)
        data = "\n".join(lines).encode("utf-8", "surrogatepass")
        if rng.random() < 0.1:
            data = _flip_bytes(rng, data)
        yield data


def _mutate_lines(rng: random.Random, lines: list[str]) -> None:
    if not lines:
        lines.append(rng.choice(PIECES))
        return
    index = rng.randrange(len(lines))
    action = rng.randrange(6)
    if action == 0:
        del lines[index]
    elif action == 1:
        lines.insert(index, lines[rng.randrange(len(lines))])
    elif action == 2:
        other = rng.randrange(len(lines))
        lines[index], lines[other] = lines[other], lines[index]
    elif action == 3:
        lines.insert(index, rng.choice(PIECES) + _random_text(rng, rng.randint(0, 40)))
    elif action == 4:
        cut = rng.randint(0, len(lines[index]))
        lines[index] = lines[index][:cut] + rng.choice(PIECES) + lines[index][cut:]
    else:
        del lines[index:]


def _flip_bytes(rng: random.Random, data: bytes) -> bytes:
    buffer = bytearray(data)
    for _ in range(rng.randint(1, 8)):
        if buffer:
            buffer[rng.randrange(len(buffer))] = rng.randrange(256)
    return bytes(buffer)


def _random_value(rng: random.Random, depth: int = 0) -> Any:
    kind = rng.randrange(9 if depth < 4 else 7)
    scalars: list[Callable[[], Any]] = [
        lambda: None,
        lambda: rng.random() < 0.5,
        lambda: rng.randint(-(10**30), 10**30),
        lambda: rng.uniform(-1e308, 1e308),
        lambda: _random_text(rng, rng.randint(0, 20)),
        lambda: rng.choice(["sse-atlas/1", "gsef2018-fr/1.1.1", "1.1", "2018-02-30", "../x"]),
        lambda: rng.randint(-200, 200),
    ]
    if kind < len(scalars):
        return scalars[kind]()
    if kind == 7:
        return [_random_value(rng, depth + 1) for _ in range(rng.randint(0, 4))]
    return {
        rng.choice(["id", "code", "name", "url", "format", _random_text(rng, 5)]): _random_value(
            rng, depth + 1
        )
        for _ in range(rng.randint(0, 4))
    }


def value_paths(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """The path of every value inside a JSON value, itself first (``()``)."""
    found = [prefix]
    if isinstance(value, dict):
        for key, item in value.items():
            found.extend(value_paths(item, (*prefix, key)))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found.extend(value_paths(item, (*prefix, index)))
    return found


def json_cases(rng: random.Random, small: dict[str, Any]) -> Iterator[bytes]:
    """A small export of the seed mutated, and generated JSON values, as the bytes of a file."""
    paths = value_paths(small)[1:]
    while True:
        roll = rng.random()
        if roll < 0.15:
            yield json.dumps(_random_value(rng)).encode()
            continue
        document = copy.deepcopy(small)
        for _ in range(rng.randint(1, 3)):
            path = rng.choice(paths)
            parent: Any = document
            try:
                for part in path[:-1]:
                    parent = parent[part]
                if rng.random() < 0.3 and isinstance(parent, dict):
                    parent.pop(path[-1], None)
                else:
                    parent[path[-1]] = _random_value(rng)
            except (KeyError, IndexError, TypeError):
                continue  # an earlier mutation removed the way there
        text = json.dumps(document, ensure_ascii=rng.random() < 0.5)
        if roll > 0.9:
            text = text[: rng.randint(0, len(text))]
        elif roll > 0.85:
            depth = rng.randint(50, 3000)
            text = '{"format": "sse-atlas/1", "x": ' + "[" * depth + "]" * depth + "}"
        yield text.encode("utf-8", "surrogatepass")


def _small_export() -> dict[str, Any]:
    parsed = read_document(builtin_catalogue_path()).parsed
    assert parsed is not None
    organisations, people = resolve_entities([parsed.catalogue])
    document = dataset_to_document(Dataset([parsed.catalogue], organisations, people))
    initiatives = document["initiatives"][:2]
    ids = {i["id"] for i in initiatives}
    return {
        **document,
        "workshops": document["workshops"][:1],
        "initiatives": initiatives,
        "organisations": [o for o in document["organisations"] if ids & set(o["initiatives"])],
        "people": [p for p in document["people"] if ids & set(p["initiatives"])],
    }


def _run(
    name: str, cases: Iterator[bytes], count: int, folder: Path, suffix: str, deadline: float
) -> tuple[Counter[str], list[str]]:
    outcomes: Counter[str] = Counter()
    tracebacks: list[str] = []
    path = folder / f"fuzz{suffix}"
    for _ in range(count):
        if time.perf_counter() > deadline:
            outcomes["not run (time limit)"] += 1
            continue
        path.write_bytes(next(cases))
        try:
            read_document(path)
            outcomes["read"] += 1
        except DocumentError:
            outcomes["clean error"] += 1
        except Exception:  # the count this bench exists for
            outcomes["traceback"] += 1
            tracebacks.append(traceback.format_exc(limit=3))
    print(f"{name}: {dict(sorted(outcomes.items()))}")
    return outcomes, tracebacks


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--count", type=int, default=10_000, help="documents of each kind")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--seconds", type=float, default=900.0, help="time limit of the run")
    args = parser.parse_args(argv)

    rng = random.Random(args.seed)
    seed = builtin_catalogue_path()
    baseline = float("inf")
    for _ in range(3):  # the first read also loads the reader's tables
        start = time.perf_counter()
        read_document(seed)
        baseline = min(baseline, time.perf_counter() - start)
    seed_lines = seed.read_text(encoding="utf-8").split("\n")
    deadline = time.perf_counter() + args.seconds
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        started = time.perf_counter()
        text, text_tracebacks = _run(
            "catalogues",
            catalogue_cases(rng, seed_lines),
            args.count,
            folder,
            ".txt",
            deadline,
        )
        middle = time.perf_counter()
        documents = json_cases(rng, _small_export())
        data, json_tracebacks = _run(
            "JSON documents", documents, args.count, folder, ".json", deadline
        )
        ended = time.perf_counter()
    for report in (text_tracebacks + json_tracebacks)[:5]:
        print(report)
    print(f"baseline: reading the seed catalogue once: {baseline * 1000:.0f} ms")
    for label, seconds, outcomes in (
        ("catalogues", middle - started, text),
        ("JSON documents", ended - middle, data),
    ):
        done = sum(outcomes.values()) - outcomes["not run (time limit)"]
        print(
            f"{label}: {done:,} in {seconds:.1f} s ({seconds / max(done, 1) / baseline:.2f}x "
            f"the seed's read time each), tracebacks: {outcomes['traceback']}"
        )
    return 1 if text["traceback"] or data["traceback"] else 0


if __name__ == "__main__":
    raise SystemExit(main())
