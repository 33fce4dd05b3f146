"""Property: any text read as a catalogue gives records or the reader's one-line error."""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from bench.fuzz import PIECES
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sse_atlas.ingest.lines import DocumentError
from sse_atlas.ingest.reader import read_document
from tests.conftest import SEED

SEED_LINES = SEED.read_text(encoding="utf-8").split("\n")
FUZZ = settings(
    max_examples=60,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)

LINES = st.one_of(st.sampled_from(SEED_LINES), st.text(max_size=80), st.sampled_from(PIECES))


@pytest.fixture(scope="module")
def folder() -> Iterator[Path]:
    with tempfile.TemporaryDirectory() as name:
        yield Path(name)


def _read(folder: Path, data: bytes, name: str = "fuzz.txt") -> None:
    path = folder / name
    path.write_bytes(data)
    try:
        read_document(path)
    except DocumentError as error:
        assert str(error).startswith(str(path)) and "\n" not in str(error)


@FUZZ
@given(text=st.text())
def test_fuzz_any_text_reads_or_fails_cleanly(folder: Path, text: str) -> None:
    _read(folder, text.encode("utf-8", "surrogatepass"))


@FUZZ
@given(data=st.binary(max_size=512))
def test_fuzz_any_bytes_read_or_fail_cleanly(folder: Path, data: bytes) -> None:
    _read(folder, data)


@FUZZ
@given(
    start=st.integers(0, len(SEED_LINES) - 1),
    size=st.integers(1, 200),
    inserted=st.lists(st.tuples(st.integers(0, 200), LINES), max_size=8),
)
def test_fuzz_seed_slices_read_or_fail_cleanly(
    folder: Path, start: int, size: int, inserted: list[tuple[int, str]]
) -> None:
    lines = SEED_LINES[:30] + SEED_LINES[start : start + size]
    for position, line in inserted:
        lines.insert(min(position, len(lines)), line)
    _read(folder, "\n".join(lines).encode("utf-8", "surrogatepass"))
