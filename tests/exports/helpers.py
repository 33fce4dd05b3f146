"""Running an exporter into memory, and the golden files' place."""

from __future__ import annotations

import copy
import datetime as dt
import io
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any, Final

from sse_atlas.exports import Exporter
from sse_atlas.model import Dataset

GOLDEN: Final = Path(__file__).resolve().parent / "golden"
STAMP: Final = dt.datetime(2024, 5, 6, 7, 8, 9, tzinfo=dt.UTC)


class RecordingStream(io.StringIO):
    """A text stream that remembers how long its longest single write was."""

    def __init__(self) -> None:
        super().__init__(newline="")
        self.longest = 0
        self.writes = 0

    def write(self, text: str) -> int:
        self.longest = max(self.longest, len(text))
        self.writes += 1
        return super().write(text)


def render(exporter: Exporter, dataset: Dataset) -> str:
    stream = RecordingStream()
    exporter.write(stream, dataset)
    return stream.getvalue()


def padded_rows(values: Iterable[Sequence[Any]]) -> list[list[Any]]:
    """A sheet's rows, each padded to the header's width (a row ends at its last filled cell)."""
    rows = [list(row) for row in values]
    width = len(rows[0]) if rows else 0
    return [[*row, *[None] * (width - len(row))] for row in rows]


def timed_copy(dataset: Dataset) -> Dataset:
    """The small dataset as a catalogue that states times and rooms would give it.

    Session 2 from 14:00 to 15:30; its first workshop in Salle A3 at those times, its second
    from 16:00 (no end) in Room 2, its third with nothing of its own.
    """
    timed = copy.deepcopy(dataset)
    catalogue = timed.catalogues[0]
    session = catalogue.sessions[0]
    session.start_time, session.end_time = "14:00", "15:30"
    first, second = catalogue.workshops[0], catalogue.workshops[1]
    first.start_time, first.end_time, first.room = "14:00", "15:30", "Salle A3"
    second.start_time, second.room = "16:00", "Room 2"
    return timed
