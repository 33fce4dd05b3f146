"""Ingest throughput: initiatives per second for the seed and for renamed copies of it.

Run: ``python -m bench.ingest [--copies 50]``. Figures are wall-clock seconds on this machine;
the baseline (reading the lines and matching the numbered headings, the least any reader must
do) is measured in the same run, so the ratios compare across machines.
"""

from __future__ import annotations

import argparse
import re
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from sse_atlas.ingest.catalogue import build_catalogue
from sse_atlas.ingest.lines import SourceLine, read_text_lines
from sse_atlas.kb import KnowledgeBase, builtin_catalogue_path

_HEADING = re.compile(r"^\d{1,2}\.\d{1,2}\.\d{1,2}\.?\s")


def _best_of(repeat: int, action: Callable[[], object]) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        best = min(best, time.perf_counter() - start)
    return best


def _renamed_copies(text: str, copies: int, folder: Path) -> list[Path]:
    paths = []
    for index in range(copies):
        edition = 2100 + index  # a different edition year gives a different catalogue id
        path = folder / f"gsef{edition}.txt"
        path.write_text(text.replace("2018", str(edition)), encoding="utf-8")
        paths.append(path)
    return paths


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--copies", type=int, default=50)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)

    seed = builtin_catalogue_path()
    lines: list[SourceLine] = read_text_lines(seed)
    initiatives = len(build_catalogue(lines, seed.name).catalogue.initiatives)

    baseline = _best_of(
        args.repeat, lambda: [line for line in read_text_lines(seed) if _HEADING.match(line.text)]
    )
    parse = _best_of(args.repeat, lambda: build_catalogue(read_text_lines(seed), seed.name))
    with tempfile.TemporaryDirectory() as folder:
        store_one = _best_of(
            args.repeat, lambda: KnowledgeBase.open(Path(folder) / "one.sqlite3").ingest([seed])
        )
        copies = _renamed_copies(seed.read_text(encoding="utf-8"), args.copies, Path(folder))
        start = time.perf_counter()
        with KnowledgeBase.open(Path(folder) / "many.sqlite3") as kb:
            kb.ingest(copies)
            stored = kb.repository.counts()["initiatives"]
        many = time.perf_counter() - start

    print(f"seed: {initiatives} initiatives")
    print(f"baseline (read lines + match headings): {baseline * 1000:.1f} ms")
    print(
        f"parse seed: {parse * 1000:.1f} ms = {initiatives / parse:,.0f} initiatives/s "
        f"({parse / baseline:.1f}x baseline)"
    )
    print(
        f"ingest seed (parse, enrich, store, search index): {store_one * 1000:.1f} ms = "
        f"{initiatives / store_one:,.0f} initiatives/s ({store_one / baseline:.1f}x baseline)"
    )
    print(
        f"ingest {args.copies} renamed copies: {many:.2f} s for {stored} initiatives = "
        f"{stored / many:,.0f} initiatives/s ({many / (baseline * args.copies):.1f}x baseline)"
    )


if __name__ == "__main__":
    main()
