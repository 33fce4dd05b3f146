"""Concurrent writers: N ``sse-atlas ingest`` processes at once on one store, against the same
ingests one after another, measured in the same run; and the updates lost (must be 0).

Run: ``python -m bench.writers [--writers 4] [--edits 2] [--timeout 120]``. Each writer
re-ingests a small catalogue of its own (version 2 over a stored version 1) while ``--edits``
processes correct records of the others. A lost update is a catalogue still at version 1, a
missing organisation of a version-2 catalogue, or a missing edit.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from sse_atlas.kb import KnowledgeBase

# One word per catalogue: organisation names that entity resolution keeps apart.
WORDS = (
    "Aurore",
    "Bruyère",
    "Cascade",
    "Dolmen",
    "Estuaire",
    "Fougère",
    "Granit",
    "Houblon",
    "Iris",
    "Jonquille",
    "Karst",
    "Lagune",
)
VERSIONS = ("Zéro", "Première", "Seconde", "Troisième")
FIRST_EDITION = 2101  # a different edition year gives a different catalogue id


def catalogue_id(index: int) -> str:
    return f"gsef{FIRST_EDITION + index}-fr"


def organisation_name(index: int, version: int) -> str:
    return f"Coopérative {WORDS[index % len(WORDS)]} {VERSIONS[version % len(VERSIONS)]}"


def initiative_title(index: int, version: int) -> str:
    return f"Une banque coopérative {WORDS[index % len(WORDS)].lower()}, version {version}"


def catalogue_text(index: int, version: int) -> str:
    """A small catalogue of its own for each ``index``: one workshop, one initiative, whose
    title and organisation change with ``version``."""
    year = FIRST_EDITION + index
    organisation = organisation_name(index, version)
    return f"""GLOBAL SOCIAL
ECONOMY FORUM

BILBAO{year}

Initiatives présentées

1-3 octobre {year}

1 Octobre / Lundi

ATELIERS SESSION 1
1.1.\tFINANCE SOLIDAIRE

ATELIERS SESSION 1

1.1. Finance solidaire

1.1.1 {initiative_title(index, version)}

{organisation}. Lyon, France.

La {organisation} prête aux associations du quartier depuis dix ans.

Marie {WORDS[index % len(WORDS)]}. Présidente. <http://example.org/{index}/>
"""


def write_catalogues(folder: Path, count: int, version: int) -> list[Path]:
    paths = []
    for index in range(count):
        path = folder / f"{catalogue_id(index)}-v{version}.txt"
        path.write_text(catalogue_text(index, version), encoding="utf-8")
        paths.append(path)
    return paths


def edit_value(index: int) -> str:
    return f"corrigé par l'éditeur {index}"


def writer_commands(db: Path, paths: Sequence[Path], edits: int) -> list[list[str]]:
    """One ingest per path, and ``edits`` corrections of the first catalogues' initiatives
    (edit ``i`` sets the description of catalogue ``i``'s initiative)."""
    cli = [sys.executable, "-m", "sse_atlas"]
    commands = [[*cli, "ingest", str(path), "--db", str(db)] for path in paths]
    for index in range(edits):
        record = f"{catalogue_id(index % len(paths))}/1.1.1"
        edit = ["edit", record, "description", edit_value(index), "--note", f"edit {index}"]
        commands.append([*cli, *edit, "--db", str(db)])
    return commands


@dataclass
class Run:
    seconds: float
    failures: list[str]


def run(commands: Sequence[Sequence[str]], *, parallel: bool, timeout: float) -> Run:
    """Run the commands all at once, or one after another; the failures' stderr."""
    environment = {**os.environ, "SSE_ATLAS_LOCK_TIMEOUT": str(timeout)}
    started = time.perf_counter()
    failures: list[str] = []

    def start(command: Sequence[str]) -> subprocess.Popen[str]:
        return subprocess.Popen(
            command, env=environment, text=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
        )

    pending = [start(c) for c in commands] if parallel else []
    for command in commands:
        process = pending.pop(0) if parallel else start(command)
        _, err = process.communicate(timeout=timeout * 2)
        if process.returncode != 0:
            failures.append(err.strip())
    return Run(time.perf_counter() - started, failures)


def lost_updates(db: Path, count: int, edits: int, version: int) -> list[str]:
    """What a finished run should have stored and did not."""
    lost: list[str] = []
    with KnowledgeBase.open(db) as kb:
        organisations = {organisation.name for organisation in kb.organisations()}
        edited = {edit.note for edit in kb.repository.edits()}
        for index in range(count):
            initiative = kb.initiative(f"{catalogue_id(index)}/1.1.1")
            if initiative is None or initiative.title != initiative_title(index, version):
                lost.append(f"{catalogue_id(index)}: not at version {version}")
            if organisation_name(index, version) not in organisations:
                lost.append(f"{catalogue_id(index)}: organisation of version {version} missing")
        for index in range(edits):
            initiative = kb.initiative(f"{catalogue_id(index)}/1.1.1")
            if f"edit {index}" not in edited or (
                initiative is None or initiative.description != edit_value(index)
            ):
                lost.append(f"edit {index} missing")
    return lost


def _prepared(folder: Path, name: str, first: Sequence[Path]) -> Path:
    db = folder / f"{name}.sqlite3"
    with KnowledgeBase.open(db) as kb:
        kb.ingest(first)
    return db


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--writers", type=int, default=4, help="concurrent ingests (default 4)")
    parser.add_argument("--edits", type=int, default=2, help="concurrent edits (default 2)")
    parser.add_argument("--timeout", type=float, default=120.0, help="lock timeout, seconds")
    args = parser.parse_args(argv)
    if not 1 <= args.writers <= len(WORDS):
        parser.error(f"--writers: from 1 to {len(WORDS)}")
    if not 0 <= args.edits <= args.writers:
        parser.error("--edits: from 0 to --writers")

    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        first = write_catalogues(folder, args.writers, 1)
        second = write_catalogues(folder, args.writers, 2)
        serial_db = _prepared(folder, "serial", first)
        parallel_db = _prepared(folder, "parallel", first)
        serial = run(
            writer_commands(serial_db, second, args.edits), parallel=False, timeout=args.timeout
        )
        parallel = run(
            writer_commands(parallel_db, second, args.edits), parallel=True, timeout=args.timeout
        )
        lost = lost_updates(parallel_db, args.writers, args.edits, 2)
        lost_serial = lost_updates(serial_db, args.writers, args.edits, 2)

    processes = args.writers + args.edits
    print(f"{args.writers} ingests + {args.edits} edits, {processes} processes, one SQLite store")
    print(f"one after another: {serial.seconds:.2f} s, {len(serial.failures)} failed")
    print(
        f"all at once: {parallel.seconds:.2f} s, {len(parallel.failures)} failed "
        f"({parallel.seconds / serial.seconds:.2f}x one after another)"
    )
    print(f"lost updates: {len(lost)} at once, {len(lost_serial)} one after another")
    for line in [*serial.failures, *parallel.failures, *lost, *lost_serial]:
        print(f"  {line}")


if __name__ == "__main__":
    main()
