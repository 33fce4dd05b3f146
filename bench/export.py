"""Export throughput: seconds and initiatives per second for every export format.

Run: ``python -m bench.export [--size 100000] [--format csv]...``. The dataset is the seed
catalogue with its initiatives copied under renamed codes (``1.1.1`` -> ``1.1.1.7``) up to
``--size``, with its organisations and people, each placed at made-up coordinates; output goes
to a counting sink, not to disk.
"""

from __future__ import annotations

import argparse
import copy
import dataclasses
import io
import json
import time
from collections.abc import Sequence

from sse_atlas.enrich.entities import resolve_entities
from sse_atlas.exports import exporter_for, formats
from sse_atlas.ingest.reader import read_document
from sse_atlas.kb import builtin_catalogue_path
from sse_atlas.model import Dataset

DEFAULT_SIZE = 2_000


class _CountingSink(io.StringIO):
    """A text stream that keeps only the number of characters written to it."""

    def __init__(self) -> None:
        super().__init__()
        self.characters = 0

    def write(self, text: str) -> int:
        self.characters += len(text)
        return len(text)


def synthetic_dataset(size: int) -> Dataset:
    """The seed catalogue with ``size`` initiatives, copies of its own under renamed codes."""
    result = read_document(builtin_catalogue_path())
    if result.parsed is None:
        raise SystemExit(f"cannot read the seed catalogue: {result.path}")
    catalogue = result.parsed.catalogue
    organisations, people = resolve_entities([catalogue])
    originals = catalogue.initiatives
    copies = []
    for index in range(size):
        initiative = copy.deepcopy(originals[index % len(originals)])
        if index >= len(originals):
            initiative.code = f"{initiative.code}.{index // len(originals)}"
        # spread over the globe, so that every format has every record to write
        initiative.place.latitude = round((index * 7.3) % 170 - 85, 5)
        initiative.place.longitude = round((index * 13.7) % 350 - 175, 5)
        copies.append(initiative)
    catalogue.initiatives = copies
    return Dataset([catalogue], organisations, people)


def measure(identifier: str, dataset: Dataset) -> tuple[float, int]:
    """Seconds to export ``dataset`` in one format, and the size of the output."""
    exporter = exporter_for(identifier)
    started = time.perf_counter()
    if getattr(exporter, "binary", False):
        target = io.BytesIO()
        exporter.write(target, dataset)
        written = len(target.getvalue())
    else:
        sink = _CountingSink()
        exporter.write(sink, dataset)
        written = sink.characters
    return time.perf_counter() - started, written


def baseline(dataset: Dataset) -> float:
    """Seconds to write every initiative as plain JSON: the least any exporter must do."""
    sink = _CountingSink()
    started = time.perf_counter()
    for catalogue in dataset.catalogues:
        for initiative in catalogue.initiatives:
            sink.write(json.dumps(dataclasses.asdict(initiative), default=str) + "\n")
    return time.perf_counter() - started


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.export", description=__doc__)
    parser.add_argument("--size", type=int, default=DEFAULT_SIZE, help="initiatives to export")
    parser.add_argument(
        "--format", action="append", choices=formats(), help="only these formats (repeatable)"
    )
    args = parser.parse_args(argv)
    dataset = synthetic_dataset(args.size)
    print(f"{args.size} initiatives, {len(dataset.catalogues[0].workshops)} workshops")
    floor = baseline(dataset)
    print(f"baseline (json.dumps of each initiative): {floor:.2f} s")
    print(f"{'format':<8} {'seconds':>9} {'records/s':>11} {'output':>10} {'x baseline':>11}")
    for identifier in args.format or formats():
        seconds, written = measure(identifier, dataset)
        rate = args.size / seconds if seconds else float("inf")
        print(
            f"{identifier:<8} {seconds:>9.2f} {rate:>11,.0f} {written / 1e6:>8.1f}MB "
            f"{seconds / floor:>10.1f}x"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
