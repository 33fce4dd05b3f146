"""Any supported document to records: catalogue text or Markdown, PDF, interchange JSON.

Before anything is parsed the path must be a regular file within the size limit of its kind;
after parsing, lines, text fields and the number of entries are held to the limits of
:mod:`sse_atlas.ingest.limits`. Every breach is a :class:`DocumentError` naming the file.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, replace
from pathlib import Path

from sse_atlas.ingest import limits
from sse_atlas.ingest.catalogue import ParseResult, build_catalogue
from sse_atlas.ingest.lines import (
    DocumentError,
    SourceLine,
    check_size,
    decode_lines,
    read_regular,
    regular_size,
)
from sse_atlas.ingest.markup import is_docx_candidate, is_html, read_docx_lines, read_html_lines
from sse_atlas.ingest.pdf import is_pdf, read_pdf_lines
from sse_atlas.model import Catalogue, Dataset, Finding, Initiative, Severity, Workshop
from sse_atlas.model.interchange import InterchangeError
from sse_atlas.model.validate import read_interchange

_SENTENCE_END = (".", "!", "?", "»", ")", '"', ">", "/")
# Bidirectional controls can make a line display in another order than it reads (a URL or a
# name spelt backwards on screen): they are removed at ingest, and each line that had one noted.
_BIDI = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069]")
# Links in a catalogue are http(s) or www. only; these are noted so that no one mistakes the
# text for a link that was read (see sse_atlas.model.schemes).
_UNSAFE_URL = re.compile(
    r"\b(?:javascript|vbscript|livescript)\s*:|\bdata:[a-z]+/[\w.+-]+[;,]", re.IGNORECASE
)


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


def _check_lines(path: Path, lines: list[SourceLine]) -> None:
    for line in lines:
        if len(line.text) > limits.MAX_LINE_CHARS:
            raise DocumentError(
                path,
                f"line of {len(line.text):,} characters exceeds the limit of "
                f"{limits.MAX_LINE_CHARS:,}",
                line.number,
            )


def _check_records(path: Path, catalogue: Catalogue) -> None:
    entries = len(catalogue.initiatives) + len(catalogue.workshops)
    if entries > limits.MAX_ENTRIES:
        raise DocumentError(
            path, f"{entries:,} entries exceed the limit of {limits.MAX_ENTRIES:,} a document"
        )
    records: list[Initiative | Workshop] = [*catalogue.initiatives, *catalogue.workshops]
    for record in records:
        for name in ("title", "description"):
            text = getattr(record, name) or ""
            if len(text) > limits.MAX_FIELD_CHARS:
                raise DocumentError(
                    path,
                    f"entry {record.code}: {name} of {len(text):,} characters exceeds the limit "
                    f"of {limits.MAX_FIELD_CHARS:,}",
                    record.source.line_start if record.source else None,
                )


def _neutralise(lines: list[SourceLine]) -> tuple[list[SourceLine], list[Finding]]:
    """Lines without bidirectional controls, and a finding for each line that had any, or that
    prints a URL of a scheme no link may have."""
    kept: list[SourceLine] = []
    findings: list[Finding] = []
    for line in lines:
        text, removed = _BIDI.subn("", line.text)
        if removed:
            message = f"{removed} bidirectional control character(s) removed"
            findings.append(Finding("bidi-control", message, Severity.INFO, line=line.number))
            line = replace(line, text=text)
        unsafe = _UNSAFE_URL.search(text)
        if unsafe:
            message = f"{unsafe.group(0)!r}: a URL scheme no link may have; not kept as a link"
            findings.append(Finding("unsafe-url", message, Severity.WARNING, line=line.number))
        kept.append(line)
    return kept, findings


def _looks_like_json(path: Path, data: bytes) -> bool:
    return path.suffix.lower() == ".json" or data.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{")


def read_document(path: Path, *, catalogue_id: str | None = None) -> ReadResult:
    """Read and parse one document; every kind of bad input raises :class:`DocumentError`."""
    size = regular_size(path)  # before any open(): a FIFO or a device must not block the reader
    head = _head(path)
    if is_pdf(path):
        check_size(str(path), size, limits.MAX_PDF_BYTES)
        sha = _sha256(path)
        lines = read_pdf_lines(path)
    elif is_docx_candidate(path, head):
        # a Word document is a compressed archive, held to the limit of binary documents
        check_size(str(path), size, limits.MAX_PDF_BYTES)
        sha = _sha256(path)
        lines = read_docx_lines(path)
    elif is_html(path, head):
        data = read_regular(path, limits.MAX_TEXT_BYTES)
        sha = hashlib.sha256(data).hexdigest()
        lines = read_html_lines(path, data)
    else:
        data = read_regular(path, max(limits.MAX_TEXT_BYTES, limits.MAX_JSON_BYTES))
        sha = hashlib.sha256(data).hexdigest()
        if _looks_like_json(path, data):
            check_size(str(path), len(data), limits.MAX_JSON_BYTES)
            return ReadResult(path, sha, dataset=_read_interchange(path, data))
        check_size(str(path), len(data), limits.MAX_TEXT_BYTES)
        lines = decode_lines(data, str(path))
    _check_lines(path, lines)
    _reject_non_catalogue(path, lines)
    lines, findings = _neutralise(lines)
    parsed = build_catalogue(
        lines, path.name, sha256=sha, catalogue_id=catalogue_id, source=path.name
    )
    _check_records(path, parsed.catalogue)
    parsed.report.findings[:0] = findings
    _check_complete(path, parsed)
    return ReadResult(path, sha, parsed=parsed)


def _head(path: Path) -> bytes:
    """The first kilobytes, to tell the format from the content (not from the name alone)."""
    try:
        with path.open("rb") as stream:
            return stream.read(4096)
    except OSError as error:
        raise DocumentError(path, f"cannot read: {error.strerror or error}") from None


def _read_interchange(path: Path, data: bytes) -> Dataset:
    try:
        return read_interchange(data)
    except InterchangeError as error:
        raise DocumentError(path, error.message, error.line) from None
