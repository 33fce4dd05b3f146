"""Any supported document to records: catalogue text or Markdown, PDF, interchange JSON."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

from sse_atlas.ingest.catalogue import ParseResult, build_catalogue
from sse_atlas.ingest.lines import DocumentError, SourceLine, read_text_lines
from sse_atlas.ingest.markup import is_docx_candidate, is_html, read_docx_lines, read_html_lines
from sse_atlas.ingest.pdf import is_pdf, read_pdf_lines
from sse_atlas.model import Dataset
from sse_atlas.model.interchange import InterchangeError, document_to_dataset

_SENTENCE_END = (".", "!", "?", "»", ")", '"', ">", "/")


@dataclass
class ReadResult:
    """What one document gave: a parsed catalogue (with its report) or an interchange dataset."""

    path: Path
    sha256: str
    parsed: ParseResult | None = None
    dataset: Dataset | None = None


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _reject_non_catalogue(path: Path, lines: list[SourceLine]) -> None:
    first = next((line for line in lines if line.text.strip()), None)
    if first is not None and first.text.lstrip().lower().startswith(
        ("<!doctype", "<html", "<?xml")
    ):
        raise DocumentError(path, "an HTML or XML page, not a catalogue", first.number)


def _check_complete(path: Path, result: ParseResult) -> None:
    catalogue = result.catalogue
    if not catalogue.initiatives and not catalogue.workshops:
        raise DocumentError(
            path, "no catalogue entries found (expected numbered headings such as '1.1.1 Title')"
        )
    last_block = result.outline.blocks[-1] if result.outline.blocks else None
    if last_block is None or result.outline.back_matter:
        return
    record = f"{catalogue.id}/{last_block.code}"
    initiative = next((i for i in catalogue.initiatives if i.id == record), None)
    last_text = last_block.lines[-1].text if last_block.lines else last_block.title
    if (
        initiative is not None
        and "missing-presenter" in initiative.flags
        and not last_text.rstrip().endswith(_SENTENCE_END)
    ):
        raise DocumentError(
            path,
            f"the document ends in the middle of entry {last_block.code} (truncated?)",
            last_block.line_end,
        )


def read_document(path: Path, *, catalogue_id: str | None = None) -> ReadResult:
    """Read and parse one document; every kind of bad input raises :class:`DocumentError`."""
    if not path.exists():
        raise DocumentError(path, "no such file")
    if path.is_dir():
        raise DocumentError(path, "is a directory, not a document")
    sha = _sha256(path)
    head = _head(path)
    if is_pdf(path):
        lines = read_pdf_lines(path)
    elif is_docx_candidate(path, head):
        lines = read_docx_lines(path)
    elif is_html(path, head):
        lines = read_html_lines(path)
    else:
        lines = read_text_lines(path)
        if path.suffix.lower() == ".json" or lines[0].text.lstrip().startswith("{"):
            return ReadResult(path, sha, dataset=_read_interchange(path))
    _reject_non_catalogue(path, lines)
    parsed = build_catalogue(
        lines, path.name, sha256=sha, catalogue_id=catalogue_id, source=path.name
    )
    _check_complete(path, parsed)
    return ReadResult(path, sha, parsed=parsed)


def _head(path: Path) -> bytes:
    """The first kilobytes, to tell the format from the content (not from the name alone)."""
    try:
        with path.open("rb") as stream:
            return stream.read(4096)
    except OSError as error:
        raise DocumentError(path, f"cannot read: {error.strerror or error}") from None


def _read_interchange(path: Path) -> Dataset:
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as error:
        raise DocumentError(path, f"invalid JSON: {error.msg}", error.lineno) from error
    try:
        return document_to_dataset(document)
    except InterchangeError as error:
        raise DocumentError(path, str(error)) from error
