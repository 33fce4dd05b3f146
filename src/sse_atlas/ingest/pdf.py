"""PDF input: the text layer of each page as numbered source lines, with page numbers.

Uses pypdfium2 (the optional ``pdf`` extra), imported only when a PDF is read so that text
catalogues work without it.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sse_atlas.ingest.layout import layout_lines, read_pages
from sse_atlas.ingest.lines import DocumentError, SourceLine

if TYPE_CHECKING:
    from types import ModuleType

__all__ = ["is_pdf", "read_pdf_lines"]

_MAGIC = b"%PDF-"
# The PDF specification lets readers find the header anywhere in the first kilobyte.
_HEADER_WINDOW = 1024
_INSTALL_HINT = "reading PDF needs pypdfium2; install the pdf extra: pip install 'sse-atlas[pdf]'"
_LINE_BREAK = re.compile(r"\r\n|\r|\n|\f")
# pdfium joins a word hyphenated at a line end and marks the hyphen with U+FFFE (older builds:
# U+0002). The mark is kept: whether the hyphen is part of the word (socio-professionnelle) or
# only typesetting (dévelop-pement) is decided with the whole document's vocabulary, in text.py.
HYPHEN_MARK = "\ufffe"
_HYPHEN_MARKS = str.maketrans({"\x02": HYPHEN_MARK})
# Other control characters in a text layer are artefacts of the PDF's fonts, never content.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")


def is_pdf(path: Path) -> bool:
    """True when the file starts (within its first kilobyte) with the ``%PDF-`` header."""
    try:
        with path.open("rb") as stream:
            head = stream.read(_HEADER_WINDOW)
    except OSError:
        return False
    return _MAGIC in head


def read_pdf_lines(path: Path) -> list[SourceLine]:
    """Read the text of a PDF into source lines numbered continuously across pages.

    Each line carries its 1-based page; one blank line (on the page it follows) separates pages.
    Pages without text (images, blank pages) add nothing. Raises :class:`DocumentError` for a
    missing file, input that is not a PDF, a corrupt or encrypted PDF, a PDF without extractable
    text (scanned) and when pypdfium2 is not installed.
    """
    document = str(path)
    _check_file(path, document)
    pdfium = _import_pdfium(document)
    lines = _laid_out(pdfium, path, document)
    if not lines:
        raise DocumentError(
            document, "no extractable text (a scanned PDF?); run OCR on it before ingesting"
        )
    return lines


def _check_file(path: Path, document: str) -> None:
    if not path.exists():
        raise DocumentError(document, "no such file")
    if path.is_dir():
        raise DocumentError(document, "is a directory, not a document")
    try:
        with path.open("rb") as stream:
            head = stream.read(_HEADER_WINDOW)
    except OSError as error:
        raise DocumentError(document, f"cannot read: {error.strerror or error}") from None
    if not head.strip():
        raise DocumentError(document, "empty document")
    if _MAGIC not in head:
        start = head.lstrip().lower()
        if start.startswith((b"<!doctype html", b"<html")):
            raise DocumentError(
                document, "not a PDF but an HTML page (a download that went wrong?)"
            )
        raise DocumentError(document, "not a PDF (no %PDF- header)")


def _import_pdfium(document: str) -> ModuleType:
    try:
        import pypdfium2
    except ImportError:
        raise DocumentError(document, _INSTALL_HINT) from None
    module: ModuleType = pypdfium2
    return module


def _laid_out(pdfium: ModuleType, path: Path, document: str) -> list[SourceLine]:
    """The body lines of every page, read from the characters' positions and type."""
    try:
        pdf = pdfium.PdfDocument(path)
    except pdfium.PdfiumError as error:
        raise DocumentError(document, _open_problem(pdfium, error)) from None
    with pdf:
        try:
            pages = read_pages(pdf, pdfium.raw)
        except pdfium.PdfiumError:
            raise DocumentError(document, "cannot extract the text of a page") from None
    return layout_lines(pages)


def _page_texts(pdfium: ModuleType, path: Path, document: str) -> list[tuple[int, list[str]]]:
    """The cleaned lines of every page that has text, with 1-based page numbers."""
    try:
        pdf = pdfium.PdfDocument(path)
    except pdfium.PdfiumError as error:
        raise DocumentError(document, _open_problem(pdfium, error)) from None
    pages: list[tuple[int, list[str]]] = []
    with pdf:
        for index in range(len(pdf)):
            try:
                raw = _extract(pdf, index)
            except pdfium.PdfiumError:
                raise DocumentError(document, f"page {index + 1}: cannot extract text") from None
            page_lines = _clean(raw)
            if page_lines:
                pages.append((index + 1, page_lines))
    return pages


def _extract(pdf: Any, index: int) -> str:
    page = pdf[index]
    try:
        textpage = page.get_textpage()
        try:
            text: str = textpage.get_text_range()
        finally:
            textpage.close()
    finally:
        page.close()
    return text


def _open_problem(pdfium: ModuleType, error: Exception) -> str:
    code = getattr(error, "err_code", None)
    if code == pdfium.raw.FPDF_ERR_PASSWORD:
        return "encrypted PDF (password required); save an unprotected copy first"
    if code == pdfium.raw.FPDF_ERR_SECURITY:
        return "encrypted PDF with an unsupported security scheme; save an unprotected copy first"
    if code == pdfium.raw.FPDF_ERR_FILE:
        return "cannot read the PDF file"
    return "corrupt or truncated PDF; cannot open it"


def _clean(raw: str) -> list[str]:
    """Normalise one page's text: line endings, hyphen marks, controls, trailing blanks.

    Blank lines at the top and bottom of the page are dropped so that pages are separated by
    exactly one blank line.
    """
    text = _CONTROL.sub("", raw.translate(_HYPHEN_MARKS))
    lines = [line.rstrip() for line in _LINE_BREAK.split(text)]
    while lines and not lines[-1]:
        lines.pop()
    start = 0
    while start < len(lines) and not lines[start]:
        start += 1
    return lines[start:]
