"""Source lines: the common input of the segmenter, whatever the document's format.

Readers turn a document into numbered lines and turn every kind of bad input into a
:class:`DocumentError` that names the file (and the line when there is one), so the command line can
print ``PATH:LINE: message`` instead of a traceback.
"""

from __future__ import annotations

import os
import re
import stat
from dataclasses import dataclass
from os import PathLike
from pathlib import Path

from sse_atlas.ingest.limits import MAX_TEXT_BYTES, describe_bytes

__all__ = [
    "DocumentError",
    "SourceLine",
    "check_size",
    "decode_lines",
    "lines_from_string",
    "read_regular",
    "read_text_lines",
    "regular_size",
]

# Only CRLF, CR and LF end a line: str.splitlines() would also split on form feeds, vertical tabs
# and U+2028, and the numbers would no longer match what an editor shows.
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_BYTE_LINE_BREAK = re.compile(rb"\r\n|\r|\n")
_BOM = "\ufeff"
# How much of a file is looked at to tell text from binary content.
_SNIFF_BYTES = 8192
# Share of control bytes above which a file is taken for binary data; text has almost none.
_MAX_CONTROL_SHARE = 0.05
_TEXT_CONTROLS = frozenset(b"\t\n\r\f")


@dataclass(frozen=True)
class SourceLine:
    """One line of a document, numbered as an editor (or a PDF viewer's page) would show it."""

    number: int
    text: str
    page: int | None = None
    # Set by readers that know the layout (typeset PDF): the line goes on with the one before
    # it, in the same paragraph, whatever its length.
    continues: bool = False
    # Set by the same readers: a running header, footer or page number, left out of the text.
    furniture: bool = False


class DocumentError(Exception):
    """Bad input: carries the path and (optionally) the 1-based line.

    ``str()`` gives ``PATH:LINE: message`` or ``PATH: message``.
    """

    def __init__(self, path: str | PathLike[str], message: str, line: int | None = None) -> None:
        self.path = str(path)
        self.message = message
        self.line = line
        super().__init__(str(self))

    def __str__(self) -> str:
        if self.line is None:
            return f"{self.path}: {self.message}"
        return f"{self.path}:{self.line}: {self.message}"

    def __reduce__(self) -> tuple[type[DocumentError], tuple[str, str, int | None]]:
        # Exception pickling replays self.args; ours are the formatted text, not the fields.
        return (type(self), (self.path, self.message, self.line))


def lines_from_string(text: str, document: str = "<string>") -> list[SourceLine]:
    """Split text into numbered source lines (CRLF, CR and LF endings; a leading BOM is dropped).

    Form feeds (page breaks left by PDF-to-text converters) are removed from the lines without
    changing the numbering; each line then carries its page. Raises :class:`DocumentError` for
    an empty or whitespace-only text and for text containing NUL characters.
    """
    text = text.removeprefix(_BOM)
    if "\x00" in text:
        line = len(_LINE_BREAK.split(text[: text.index("\x00")]))
        raise DocumentError(document, "binary file, not a catalogue (NUL character)", line)
    if not text.strip():
        raise DocumentError(document, "empty document")
    parts = _LINE_BREAK.split(text)
    if parts[-1] == "":
        # A final line ending closes the last line; it does not open another one.
        parts.pop()
    if "\f" not in text:
        return [SourceLine(number, part) for number, part in enumerate(parts, start=1)]
    # A form feed starts a page (pdftotext and other PDF converters): lines keep their page.
    lines: list[SourceLine] = []
    page = 1
    for number, part in enumerate(parts, start=1):
        leading = len(part) - len(part.lstrip("\f"))
        page += leading  # the line opens a page
        lines.append(SourceLine(number, part.replace("\f", ""), page))
        page += part.count("\f") - leading  # the line closes one
    return lines


def read_text_lines(path: Path, limit: int = MAX_TEXT_BYTES) -> list[SourceLine]:
    """Read a UTF-8 text document (with or without BOM) into numbered source lines.

    Raises :class:`DocumentError` for a missing path, anything but a regular file, a file over
    ``limit`` bytes, an empty file, binary content and text that is not valid UTF-8 (naming the
    line of the first bad byte).
    """
    return decode_lines(read_regular(path, limit), str(path))


def decode_lines(data: bytes, document: str) -> list[SourceLine]:
    """The lines of a UTF-8 document already read (see :func:`read_text_lines`)."""
    if not data.strip():
        raise DocumentError(document, "empty document")
    _reject_binary(data, document)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        start = error.start + (3 if data.startswith(b"\xef\xbb\xbf") else 0)
        raise DocumentError(document, _decode_problem(data), _line_of_offset(data, start)) from None
    return lines_from_string(text, document)


def regular_size(path: Path) -> int:
    """The size of a regular file; anything else (FIFO, device, socket, directory) is an error.

    Checked with ``stat`` before anything opens the path, so a FIFO or ``/dev/zero`` (or a
    symbolic link to one) is refused at once instead of blocking or reading for ever.
    """
    document = str(path)
    try:
        info = os.stat(path)
    except FileNotFoundError:
        raise DocumentError(document, "no such file") from None
    except OSError as error:
        raise DocumentError(document, f"cannot read: {error.strerror or error}") from None
    if stat.S_ISDIR(info.st_mode):
        raise DocumentError(document, "is a directory, not a document")
    if not stat.S_ISREG(info.st_mode):
        raise DocumentError(document, f"is a {_kind_of(info.st_mode)}, not a regular file")
    return info.st_size


def read_regular(path: Path, limit: int) -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes (see :func:`regular_size`)."""
    document = str(path)
    check_size(document, regular_size(path), limit)
    try:
        # O_NONBLOCK: should the path have become a FIFO since the check, open() still returns
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as error:
        raise DocumentError(document, f"cannot read: {error.strerror or error}") from None
    with os.fdopen(fd, "rb") as stream:
        mode = os.fstat(stream.fileno()).st_mode
        if not stat.S_ISREG(mode):
            raise DocumentError(document, f"is a {_kind_of(mode)}, not a regular file")
        try:
            data = stream.read(limit + 1)
        except OSError as error:
            raise DocumentError(document, f"cannot read: {error.strerror or error}") from None
    check_size(document, len(data), limit)  # a file that grew after the check
    return data


def check_size(document: str, size: int, limit: int) -> None:
    """Refuse a document of more than ``limit`` bytes."""
    if size > limit:
        raise DocumentError(
            document,
            f"document of {describe_bytes(size)} exceeds the limit of {describe_bytes(limit)}",
        )


def _kind_of(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "FIFO (named pipe)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "device"
    if stat.S_ISSOCK(mode):
        return "socket"
    return "special file"


def _reject_binary(data: bytes, document: str) -> None:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise DocumentError(document, "UTF-16 text; convert it to UTF-8")
    sample = data[:_SNIFF_BYTES]
    if b"\x00" in sample:
        raise DocumentError(document, "binary file, not a catalogue")
    controls = sum(
        1 for byte in sample if (byte < 0x20 or byte == 0x7F) and byte not in _TEXT_CONTROLS
    )
    if controls > _MAX_CONTROL_SHARE * len(sample):
        raise DocumentError(document, "binary file, not a catalogue")


def _decode_problem(data: bytes) -> str:
    try:
        data.decode("cp1252")
    except UnicodeDecodeError:
        return "not valid UTF-8; convert it to UTF-8"
    # Everything decodes as Windows-1252 (a superset of latin-1's printable part): the usual cause.
    return "not valid UTF-8 (latin-1?); convert it to UTF-8"


def _line_of_offset(data: bytes, offset: int) -> int:
    """1-based line of a byte offset, counting CRLF, CR and LF endings as lines do."""
    return len(_BYTE_LINE_BREAK.split(data[:offset]))
