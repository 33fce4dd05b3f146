"""CSV: one file per entity, the rows of :mod:`sse_atlas.exports.table`."""

from __future__ import annotations

import csv
from typing import ClassVar, TextIO

from sse_atlas.exports.base import register
from sse_atlas.exports.table import ENTITIES, UnknownEntityError, columns, neutralise, rows
from sse_atlas.model import Dataset


class CsvExporter:
    """Comma-separated values (RFC 4180, UTF-8, CRLF line ends), a header row then one record a row.

    ``entity`` chooses the file: ``initiatives`` (the default), ``workshops``, ``organisations``
    or ``people``. Columns are the interchange keys of that entity, in interchange order, nested
    keys flattened (``source.line_start`` -> ``source_line_start``):

    {columns}

    A list is one cell joined with ``"; "`` (people as ``Name (Role)``, links as their URL);
    a missing value is an empty cell. A text cell that begins with ``=``, ``+``, ``-``, ``@``,
    a tab or a carriage return gets a leading ``'`` so that no spreadsheet runs it as a
    formula; ``raw=True`` writes every cell exactly as stored, for data pipelines.
    """

    identifier: ClassVar[str] = "csv"
    extension: ClassVar[str] = "csv"
    media_type: ClassVar[str] = "text/csv; charset=utf-8"

    def __init__(self, entity: str = "initiatives", raw: bool = False) -> None:
        if entity not in ENTITIES:
            raise UnknownEntityError(entity)
        self.entity = entity
        self.raw = raw

    def write(self, stream: TextIO, dataset: Dataset) -> None:
        writer = csv.writer(stream)
        writer.writerow(columns(self.entity))
        for cells in rows(dataset, self.entity):
            if not self.raw:
                cells = [neutralise(cell) for cell in cells]
            writer.writerow("" if cell is None else cell for cell in cells)


# the column lists are made from the interchange view, so the documentation cannot go stale
CsvExporter.__doc__ = (CsvExporter.__doc__ or "").replace(
    "{columns}",
    "\n\n    ".join(f"- {entity}: ``{', '.join(columns(entity))}``" for entity in ENTITIES),
)

# registered by call, not as a decorator, so that the class keeps its own constructor type
register(CsvExporter)
