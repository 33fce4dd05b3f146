"""Hostile sizes: time and peak memory of ingesting them, against ingesting the seed.

Run: ``python -m bench.limits [--chars 1000000] [--timeout 60]``. Each case is one
``sse-atlas ingest`` in a child process that reports its own peak RSS, on a fresh store with
warm caches; the seed's ingest measured in the same run is the baseline. The targets: a
description of a million characters refused (or bounded) in under 10 s and 500 MB; JSON nested
1,000 deep refused cleanly; classification time linear in the length of a description (an
80 KB description within about 8x the time of a 10 KB one, not 64x).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from sse_atlas.enrich.classify import classify
from sse_atlas.kb import builtin_catalogue_path

SENTENCE = "La coopérative solidaire finance des projets locaux et durables pour les femmes. "


@dataclass
class Run:
    name: str
    seconds: float
    peak_mb: float
    exit_code: int
    message: str


# the command line in a child that reports its own peak resident memory as its last line
_CHILD = """
import resource, sys
from sse_atlas.cli import main
try:
    code = main(sys.argv[1:])
finally:
    sys.stderr.write(f"\\npeak-kb {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}\\n")
sys.exit(code)
"""


def _ingest(name: str, path: Path, folder: Path, timeout: float) -> Run:
    env = {**os.environ, "XDG_DATA_HOME": str(folder), "SSE_ATLAS_CACHE_DIR": str(folder)}
    db = folder / f"{name}.sqlite3"
    command = [sys.executable, "-c", _CHILD, "ingest", str(path), "--db", str(db)]
    start = time.perf_counter()
    child = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        _, stderr = child.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        child.kill()
        child.communicate()
        return Run(name, timeout, float("nan"), -1, f"killed after {timeout:.0f} s")
    seconds = time.perf_counter() - start
    lines = [line for line in stderr.decode("utf-8", "replace").splitlines() if line.strip()]
    peak_kb = int(lines.pop().split()[1])
    return Run(name, seconds, peak_kb / 1024, child.returncode, lines[-1] if lines else "")


def _with_description(seed_lines: list[str], chars: int, width: int | None) -> str:
    text = (SENTENCE * (chars // len(SENTENCE) + 1))[:chars]
    block = [text] if width is None else [text[i : i + width] for i in range(0, chars, width)]
    return "\n".join([*seed_lines[:86], *block, *seed_lines[86:]])


def _classify_seconds(chars: int, repeat: int = 3) -> float:
    text = (SENTENCE * (chars // len(SENTENCE) + 1))[:chars]
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        classify("Monnaie sociale", text + " ", None, None)  # a new string: no cached result
        best = min(best, time.perf_counter() - start)
    return best


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--chars", type=int, default=1_000_000, help="description length")
    parser.add_argument("--timeout", type=float, default=60.0, help="seconds a case may take")
    args = parser.parse_args(argv)

    seed = builtin_catalogue_path()
    seed_lines = seed.read_text(encoding="utf-8").split("\n")
    runs: list[Run] = []
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        cases = {
            "description, 80-character lines": _with_description(seed_lines, args.chars, 80),
            "description, one line": _with_description(seed_lines, args.chars, None),
            "JSON nested 1,000 deep": '{"format": "sse-atlas/1", "x": '
            + "[" * 1000
            + "]" * 1000
            + "}",
        }
        # once to fill the gazetteer and vector caches, then the baseline with warm caches
        _ingest("seed, cold caches", seed, folder, args.timeout)
        runs.append(_ingest("seed", seed, folder, args.timeout))
        for index, (case, text) in enumerate(cases.items()):
            path = folder / (f"case{index}.json" if case.startswith("JSON") else f"case{index}.txt")
            path.write_text(text, encoding="utf-8")
            runs.append(_ingest(case, path, folder, args.timeout))
    base = runs[0]
    print(f"baseline: ingest of the seed: {base.seconds:.2f} s, peak {base.peak_mb:.0f} MB")
    for run in runs[1:]:
        print(
            f"{run.name} ({args.chars:,} characters): exit {run.exit_code}, "
            f"{run.seconds:.2f} s ({run.seconds / base.seconds:.2f}x seed), "
            f"peak {run.peak_mb:.0f} MB\n    {run.message}"
        )
    small, large = _classify_seconds(10_000), _classify_seconds(80_000)
    print(
        f"classify a 10 KB description: {small * 1000:.1f} ms; 80 KB: {large * 1000:.1f} ms "
        f"= {large / small:.1f}x for 8x the text (linear: about 8x; quadratic: 64x)"
    )


if __name__ == "__main__":
    main()
