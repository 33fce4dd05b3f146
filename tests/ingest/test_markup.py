"""Web pages and Word documents read as one line per block, and their bad inputs."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from sse_atlas.ingest.lines import DocumentError, SourceLine
from sse_atlas.ingest.markup import read_docx_lines, read_html_lines
from sse_atlas.ingest.reader import read_document

from . import renderings


def _error(path: Path) -> str:
    with pytest.raises(DocumentError) as caught:
        read_document(path)
    return str(caught.value)


def test_read_html_lines_blocks_apart_scripts_and_styles_dropped(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_text(
        "<!DOCTYPE html>\n<html><head><title>Titre</title><style>p {}</style></head>\n"
        "<body><script>alert('x')</script>\n<h4>1.1.1 Un titre\nsur deux lignes</h4>\n"
        "<p>Koopera. <strong>Munguía</strong>, Espagne<br>Javier Mariño</p>\n"
        "<ul><li>un</li><li>deux &amp; trois</li></ul></body></html>\n",
        encoding="utf-8",
    )

    assert read_html_lines(path) == [
        SourceLine(4, "1.1.1 Un titre sur deux lignes"),
        SourceLine(6, ""),
        SourceLine(6, "Koopera. Munguía, Espagne"),
        SourceLine(6, ""),
        SourceLine(6, "Javier Mariño"),
        SourceLine(7, ""),
        SourceLine(7, "un"),
        SourceLine(7, ""),
        SourceLine(7, "deux & trois"),
    ]


def test_read_document_html_without_text_names_the_file(tmp_path: Path) -> None:
    path = tmp_path / "empty.html"
    path.write_text("<html><head><script>x()</script></head><body></body></html>\n")

    assert _error(path) == f"{path}: an HTML page without any text, not a catalogue"


def test_read_document_html_not_a_catalogue(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_text("<html><body><h1>Not found</h1><p>Sorry.</p></body></html>\n")

    assert _error(path) == (
        f"{path}: no catalogue entries found (expected numbered headings such as '1.1.1 Title')"
    )


def test_read_document_html_latin1_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_bytes("<html>\n<body><p>Économie</p></body></html>\n".encode("latin-1"))

    assert _error(path) == f"{path}:2: not valid UTF-8 (latin-1?); convert it to UTF-8"


def test_read_docx_lines_paragraphs_numbered(tmp_path: Path) -> None:
    pytest.importorskip("docx")
    text = "ATELIERS SESSION 1\n\n1.1.1 Un **titre**\n\nKoopera. Munguía, *Espagne*\n"
    path = renderings.docx(text, tmp_path / "small.docx")

    assert read_docx_lines(path) == [
        SourceLine(1, "ATELIERS SESSION 1"),
        SourceLine(2, ""),
        SourceLine(2, "1.1.1 Un titre"),
        SourceLine(3, ""),
        SourceLine(3, "Koopera. Munguía, Espagne"),
    ]


def test_read_document_docx_zip_of_something_else(tmp_path: Path) -> None:
    path = tmp_path / "catalogue.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("photos/one.jpg", b"\xff\xd8\xff")

    assert _error(path) == (
        f"{path}: a ZIP archive, but not a Word document (no word/document.xml)"
    )


def test_read_document_docx_truncated(tmp_path: Path) -> None:
    pytest.importorskip("docx")
    whole = renderings.docx("1.1.1 Titre\n", tmp_path / "whole.docx").read_bytes()
    path = tmp_path / "cut.docx"
    path.write_bytes(whole[: len(whole) // 2])

    assert _error(path) == f"{path}: not a Word document (corrupt or truncated ZIP archive)"


def test_read_document_docx_broken_document_part(tmp_path: Path) -> None:
    pytest.importorskip("docx")
    path = tmp_path / "broken.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document")

    assert _error(path) == f"{path}: corrupt Word document; save it again from Word"
