"""The rendering matrix: accuracy per field family for every rendering, and each reader's speed.

Run: ``python -m bench.renderings [--fast] [--folder DIR]``. Each rendering of the seed (typeset
PDFs of several page sizes, fonts and columns, pdftotext output, hard-wrapped text, Word, HTML,
English and Spanish structure words) is made, read back, and every field is compared with the
seed's parse. Pages per second are measured for the readers of paged renderings, beside the
plain-text reader of the seed in the same run (the baseline).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

from tests.ingest import renderings

from sse_atlas.ingest.reader import read_document
from sse_atlas.kb import builtin_catalogue_path


def _pages(path: Path) -> int | None:
    """Pages of a PDF, or of a converter's text (one form feed a page)."""
    if path.suffix == ".txt":
        feeds = path.read_bytes().count(b"\f")
        return feeds or None
    if path.suffix != ".pdf":
        return None
    import pypdfium2

    with pypdfium2.PdfDocument(path) as pdf:
        return len(pdf)


def _cell(value: float | None) -> str:
    return "    -" if value is None else f"{100 * value:5.1f}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--fast", action="store_true", help="only the renderings the tests run")
    parser.add_argument("--folder", type=Path, help="keep the renderings here")
    args = parser.parse_args(argv)
    folder = args.folder or Path(tempfile.mkdtemp(prefix="sse-renderings-"))
    folder.mkdir(parents=True, exist_ok=True)
    seed = builtin_catalogue_path()
    text = seed.read_text(encoding="utf-8")
    start = time.perf_counter()
    seed_parse = read_document(seed).parsed
    baseline = time.perf_counter() - start
    assert seed_parse is not None
    expected = renderings.fields(seed_parse)
    header = f"{'rendering':34} {'all':>5} " + " ".join(f"{f[:5]:>5}" for f in renderings.FAMILIES)
    print(header + "   read s  pages/s")
    worst = 1.0
    for name, rendering in renderings.RENDERINGS.items():
        if args.fast and rendering.slow:
            continue
        missing = renderings.missing_tools(rendering)
        if missing:
            print(f"{name:34} skipped: needs {', '.join(missing)}")
            continue
        path = rendering.make(text, folder)
        start = time.perf_counter()
        parsed = renderings.parse(path)
        seconds = time.perf_counter() - start
        score = renderings.score(
            renderings.expected_for(rendering, expected),
            renderings.fields(parsed),
            translated=rendering.translated,
        )
        worst = min(worst, score.accuracy)
        pages = _pages(path)
        speed = f"{pages / seconds:8.1f}" if pages else "       -"
        cells = " ".join(_cell(score.family_accuracy(f)) for f in renderings.FAMILIES)
        print(f"{name:34} {_cell(score.accuracy)} {cells}   {seconds:6.2f} {speed}")
    print(f"baseline: the seed's text read and parsed in {baseline:.2f} s")
    print(f"lowest accuracy: {100 * worst:.1f} % of fields (files in {folder})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
