"""Concurrent writer processes on one store: every ingest and every edit is there afterwards."""

from __future__ import annotations

from pathlib import Path

from bench.writers import lost_updates, run, write_catalogues, writer_commands

from sse_atlas.kb import KnowledgeBase

WRITERS = 3
EDITS = 1


def test_kb_concurrent_writers_lose_nothing(tmp_path: Path) -> None:
    db = tmp_path / "atlas.sqlite3"
    with KnowledgeBase.open(db) as kb:
        kb.ingest(write_catalogues(tmp_path, WRITERS, version=1))
    # Each process re-ingests its own catalogue at version 2 over the stored version 1, which
    # every other ingest reads and writes back too; the edits land on the same records.
    commands = writer_commands(db, write_catalogues(tmp_path, WRITERS, version=2), EDITS)
    outcome = run(commands, parallel=True, timeout=120.0)
    assert (outcome.failures, lost_updates(db, WRITERS, EDITS, version=2)) == ([], [])
