"""Office Open XML spreadsheet: one sheet per entity, the rows of the CSV files."""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from typing import IO, TYPE_CHECKING, Any, ClassVar, Final, TextIO

from sse_atlas.exports.base import register
from sse_atlas.exports.table import ENTITIES, Cell, columns, rows
from sse_atlas.model import Dataset

if TYPE_CHECKING:
    from openpyxl.cell.cell import Cell as SheetCell
    from openpyxl.worksheet._write_only import WriteOnlyWorksheet

MAX_CELL: Final = 32_767  # characters a spreadsheet cell holds
# control characters that the file format cannot carry
_ILLEGAL: Final = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def _binary(stream: IO[Any]) -> IO[bytes]:
    # a text stream over bytes (standard output, a file opened "w") is written through its buffer
    if isinstance(stream, io.TextIOBase):
        buffer: IO[bytes] | None = getattr(stream, "buffer", None)
        if buffer is None:
            raise TypeError("a spreadsheet is binary: give a binary stream, or a file's text one")
        stream.flush()
        return buffer
    return stream


@register
class XlsxExporter:
    """A workbook with the sheets ``initiatives``, ``workshops``, ``organisations``, ``people``.

    Each sheet has the columns of :class:`~sse_atlas.exports.csvfile.CsvExporter` for that entity
    and a frozen header row; numbers stay numbers and every text stays text (a value beginning
    with ``=`` is never read as a formula). The format is binary: ``binary`` tells callers to
    open the target in ``"wb"`` mode; a text stream is written through its byte buffer.
    """

    identifier: ClassVar[str] = "xlsx"
    extension: ClassVar[str] = "xlsx"
    media_type: ClassVar[str] = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    binary: ClassVar[bool] = True

    def write(self, stream: TextIO | IO[bytes], dataset: Dataset) -> None:
        from openpyxl import Workbook

        target = _binary(stream)  # before any sheet exists, which would be left half-written
        workbook = Workbook(write_only=True)
        for entity in ENTITIES:
            sheet = workbook.create_sheet(entity)
            sheet.freeze_panes = "A2"
            sheet.append(columns(entity))
            for cells in rows(dataset, entity):
                sheet.append(list(_cells(sheet, cells)))
        workbook.save(target)


def _cells(sheet: WriteOnlyWorksheet, cells: list[Cell]) -> Iterator[SheetCell | Cell]:
    from openpyxl.cell import WriteOnlyCell

    for cell in cells:
        if not isinstance(cell, str):
            yield cell
            continue
        text = _ILLEGAL.sub("", cell)[:MAX_CELL]
        if text.startswith("="):
            typed = WriteOnlyCell(sheet, text)
            typed.data_type = "s"  # stops openpyxl from taking "=..." for a formula
            yield typed
        else:
            yield text
