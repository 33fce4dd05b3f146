"""Batch query files: read whole before any search, refused in one line when bad."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from sse_atlas.ingest.lines import DocumentError
from sse_atlas.search.serialise import read_batch


def test_batch_file_fifo_refused(tmp_path: Path) -> None:
    fifo = tmp_path / "queries.jsonl"
    os.mkfifo(fifo)
    with pytest.raises(DocumentError) as caught:
        read_batch(fifo)
    assert str(caught.value) == f"{fifo}: is a FIFO (named pipe), not a regular file"


def test_batch_line_nested_deep_refused(tmp_path: Path) -> None:
    path = tmp_path / "queries.jsonl"
    path.write_text('{"id": "a", "text": "coop"}\n' + "[" * 1000 + "]" * 1000 + "\n")
    with pytest.raises(DocumentError) as caught:
        read_batch(path)
    assert str(caught.value) == f"{path}:2: nested deeper than 64 levels"
