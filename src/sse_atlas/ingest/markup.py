"""Web pages and Word documents as source lines: one line per block, blocks apart.

A catalogue saved as a web page or written in Word already knows where its paragraphs, headings
and list items begin and end, so each block becomes one line and a blank line separates blocks:
the segmenter then sees the catalogue as the seed prints it. Provenance is the HTML source line
where the block starts, or the paragraph's number in the Word document.
"""

from __future__ import annotations

import re
import zipfile
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from sse_atlas.ingest.lines import DocumentError, SourceLine, decode_lines, read_text_lines

__all__ = ["is_docx_candidate", "is_html", "read_docx_lines", "read_html_lines"]

_BLOCKS = frozenset(
    "p div h1 h2 h3 h4 h5 h6 li dt dd tr td th blockquote pre section article header footer "
    "main aside nav ul ol dl table caption figure figcaption address hr".split()
)
# Content never shown as text: scripts, styles and the head of the page (its title included).
_HIDDEN = frozenset("script style head template noscript svg math iframe object".split())
_VOID = frozenset("br img hr meta link input area base col embed param source track wbr".split())
_SPACES = re.compile(r"\s+")
_HTML_START = re.compile(rb"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html)\b")
_ZIP_MAGIC = b"PK\x03\x04"


def is_html(path: Path, head: bytes) -> bool:
    """A web page: an ``.html``/``.htm`` name, or a document that opens with ``<html``."""
    if path.suffix.lower() in (".html", ".htm", ".xhtml"):
        return True
    return _HTML_START.match(head.removeprefix(b"\xef\xbb\xbf").lower()[:4096]) is not None


def is_docx_candidate(path: Path, head: bytes) -> bool:
    """A ZIP archive (a Word document is one), or a file named ``.docx``."""
    return head.startswith(_ZIP_MAGIC) or path.suffix.lower() == ".docx"


class _Blocks(HTMLParser):
    """Collects the text of each block with the source line it starts on."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[tuple[int, str]] = []  # (source line, text)
        self._parts: list[str] = []
        self._start = 1
        self._hidden = 0

    def _flush(self) -> None:
        text = _SPACES.sub(" ", "".join(self._parts)).strip()
        if text:
            self.blocks.append((self._start, text))
        self._parts = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _HIDDEN:
            self._hidden += tag not in _VOID
            return
        if tag in _BLOCKS or tag == "br":
            self._flush()
            self._start = self.getpos()[0]

    def handle_endtag(self, tag: str) -> None:
        if tag in _HIDDEN:
            self._hidden = max(0, self._hidden - 1)
            return
        if tag in _BLOCKS:
            self._flush()

    def handle_data(self, data: str) -> None:
        if self._hidden:
            return
        if not self._parts or not "".join(self._parts).strip():
            self._start = self.getpos()[0]
        self._parts.append(data)

    def close(self) -> None:
        super().close()
        self._flush()


def _as_lines(blocks: list[tuple[int, str]]) -> list[SourceLine]:
    lines: list[SourceLine] = []
    for number, text in blocks:
        if lines:
            lines.append(SourceLine(number, ""))
        lines.append(SourceLine(number, text))
    return lines


def read_html_lines(path: Path, data: bytes | None = None) -> list[SourceLine]:
    """The blocks of a web page (p, h1-h6, li, br-separated lines), scripts and styles dropped.

    ``data`` is the page's bytes when the caller has read them already (within the limits).

    Raises :class:`DocumentError` for what :func:`read_text_lines` refuses and for a page
    without any text.
    """
    # encoding and binary checks, and line endings, as for text (``data``: the bytes, read)
    source = decode_lines(data, str(path)) if data is not None else read_text_lines(path)
    parser = _Blocks()
    try:
        for line in source:
            parser.feed(line.text + "\n")
        parser.close()
    except (AssertionError, ValueError) as error:  # html.parser's rare hard failures
        raise DocumentError(path, f"unreadable HTML: {error}") from None
    if not parser.blocks:
        raise DocumentError(path, "an HTML page without any text, not a catalogue")
    return _as_lines(parser.blocks)


def read_docx_lines(path: Path) -> list[SourceLine]:
    """The paragraphs of a Word document (body and table cells, in order), numbered from 1.

    Raises :class:`DocumentError` for a ZIP archive that is not a Word document, a corrupt
    document, and when python-docx is missing.
    """
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, OSError):
        raise DocumentError(
            path, "not a Word document (corrupt or truncated ZIP archive)"
        ) from None
    if "word/document.xml" not in names:
        raise DocumentError(path, "a ZIP archive, but not a Word document (no word/document.xml)")
    try:
        import docx
    except ImportError:
        raise DocumentError(path, "reading Word documents needs python-docx") from None
    try:
        document: Any = docx.Document(str(path))
    except Exception:  # python-docx raises many kinds (KeyError, lxml's...) for broken parts
        raise DocumentError(path, "corrupt Word document; save it again from Word") from None
    blocks: list[tuple[int, str]] = []
    for number, text in enumerate(_docx_paragraphs(document), start=1):
        text = _SPACES.sub(" ", text).strip()
        if text:
            blocks.append((number, text))
    if not blocks:
        raise DocumentError(path, "a Word document without any text")
    return _as_lines(blocks)


def _docx_paragraphs(container: Any) -> list[str]:
    """Paragraph texts in reading order; table cells read row by row."""
    texts: list[str] = []
    for item in container.iter_inner_content():
        if hasattr(item, "rows"):
            for row in item.rows:
                for cell in row.cells:
                    texts.extend(_docx_paragraphs(cell))
        else:
            texts.append(item.text.replace("\t", " "))
    return texts
