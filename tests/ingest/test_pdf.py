"""Reading documents into source lines: PDF through pypdfium2, and plain text."""

from __future__ import annotations

import pickle
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from reportlab.pdfgen.canvas import Canvas

import sse_atlas
from sse_atlas.ingest.lines import DocumentError, SourceLine, lines_from_string, read_text_lines
from sse_atlas.ingest.pdf import is_pdf, read_pdf_lines

from .pdfmaker import make_pdf

CATALOGUE = Path(sse_atlas.__file__).parent / "data" / "gsef2018-fr.txt"
FOOTER = "GSEF 2018 — Résumé des initiatives"


def catalogue_excerpt() -> str:
    """Lines 77-95 of the bundled catalogue: a heading, two initiatives, blank lines between."""
    lines = CATALOGUE.read_text(encoding="utf-8").splitlines()[76:95]
    assert lines[0] == "ATELIERS SESSION 1"
    return "\n".join(lines)


@pytest.fixture(scope="module")
def excerpt_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("pdf") / "gsef2018-fr.pdf"
    make_pdf(path, catalogue_excerpt(), lines_per_page=16)
    return path


def error_of(reader: Callable[[Path], list[SourceLine]], path: Path) -> str:
    with pytest.raises(DocumentError) as caught:
        reader(path)
    return str(caught.value)


# --- PDF ---------------------------------------------------------------------------------------


def test_read_pdf_lines_excerpt_keeps_every_word_with_accents(excerpt_pdf: Path) -> None:
    lines = read_pdf_lines(excerpt_pdf)
    body = [line.text for line in lines if line.text and not line.text.startswith(FOOTER)]

    assert " ".join(body).split() == catalogue_excerpt().split()


def test_read_pdf_lines_excerpt_numbers_are_continuous(excerpt_pdf: Path) -> None:
    lines = read_pdf_lines(excerpt_pdf)

    assert [line.number for line in lines] == list(range(1, len(lines) + 1))


def test_read_pdf_lines_excerpt_pages_increase_from_one_to_three(excerpt_pdf: Path) -> None:
    pages = [line.page for line in read_pdf_lines(excerpt_pdf)]

    assert sorted(set(pages), key=lambda page: page or 0) == [1, 2, 3]
    assert pages == sorted(pages, key=lambda page: page or 0)


def test_read_pdf_lines_excerpt_footer_in_the_margin_of_every_page_is_furniture(
    excerpt_pdf: Path,
) -> None:
    lines = read_pdf_lines(excerpt_pdf)

    assert [(line.text, line.page) for line in lines if line.furniture] == [
        (f"{FOOTER} · 1", 1),
        (f"{FOOTER} · 2", 2),
        (f"{FOOTER} · 3", 3),
    ]


def test_read_pdf_lines_excerpt_first_lines(excerpt_pdf: Path) -> None:
    lines = read_pdf_lines(excerpt_pdf)

    assert lines[:8] == [
        SourceLine(1, "ATELIERS SESSION 1", 1),
        SourceLine(2, "", 1),
        SourceLine(
            3, "1.1. Stratégies de collaboration entre gouvernements locaux et agents de", 1
        ),
        SourceLine(4, "l'économie sociale", 1, continues=True),
        SourceLine(5, "", 1),
        SourceLine(
            6, "1.1.1 Organisations d'entreprises et de juristes, travaillant conjointement pour", 1
        ),
        SourceLine(7, "orienter les politiques vers l'économie durable", 1, continues=True),
        SourceLine(8, "", 1),
    ]


def test_read_pdf_lines_small_document_blank_line_ends_a_paragraph(tmp_path: Path) -> None:
    path = tmp_path / "small.pdf"
    text = (
        "Koopera. Munguía, Pays Basque, Espagne\n\nJavier Mariño. Gérant- Koopera.\nœuvre à Liège"
    )
    make_pdf(path, text, lines_per_page=4, footer=None)

    assert read_pdf_lines(path) == [
        SourceLine(1, "Koopera. Munguía, Pays Basque, Espagne", 1),
        SourceLine(2, "", 1),
        SourceLine(3, "Javier Mariño. Gérant- Koopera.", 1),
        SourceLine(4, "œuvre à Liège", 1, continues=True),
    ]


def test_read_pdf_lines_hyphen_at_line_end_continues_the_paragraph(tmp_path: Path) -> None:
    # the text layer decides whether the hyphen belongs to the word (socio-professionnelle)
    path = tmp_path / "hyphen.pdf"
    make_pdf(path, "Pour obtenir leur intégration socio-professionnelle maximale", width_chars=37)

    assert read_pdf_lines(path)[:2] == [
        SourceLine(1, "Pour obtenir leur intégration socio-", 1),
        SourceLine(2, "professionnelle maximale", 1, continues=True),
    ]


def test_read_pdf_lines_page_without_text_adds_nothing(tmp_path: Path) -> None:
    path = tmp_path / "gap.pdf"
    canvas = Canvas(str(path), invariant=True)
    canvas.drawString(72, 720, "Page un")
    canvas.showPage()
    canvas.rect(72, 72, 200, 200, fill=1)
    canvas.showPage()
    canvas.drawString(72, 720, "Page trois")
    canvas.showPage()
    canvas.save()

    # "Page un Page" would not have fitted within the widest line: it may go on
    assert read_pdf_lines(path) == [
        SourceLine(1, "Page un", 1),
        SourceLine(2, "Page trois", 3, continues=True),
    ]


def test_read_pdf_lines_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "absent.pdf"

    assert error_of(read_pdf_lines, path) == f"{path}: no such file"


def test_read_pdf_lines_directory(tmp_path: Path) -> None:
    assert error_of(read_pdf_lines, tmp_path) == f"{tmp_path}: is a directory, not a document"


def test_read_pdf_lines_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "empty.pdf"
    path.write_bytes(b"")

    assert error_of(read_pdf_lines, path) == f"{path}: empty document"


def test_read_pdf_lines_html_renamed_pdf(tmp_path: Path) -> None:
    path = tmp_path / "catalogue.pdf"
    path.write_text("<!DOCTYPE html>\n<html><body>Not found</body></html>\n", encoding="utf-8")

    assert error_of(read_pdf_lines, path) == (
        f"{path}: not a PDF but an HTML page (a download that went wrong?)"
    )


def test_read_pdf_lines_text_file_renamed_pdf(tmp_path: Path) -> None:
    path = tmp_path / "catalogue.pdf"
    path.write_text("ATELIERS SESSION 1\n", encoding="utf-8")

    assert error_of(read_pdf_lines, path) == f"{path}: not a PDF (no %PDF- header)"


def test_read_pdf_lines_truncated(tmp_path: Path, excerpt_pdf: Path) -> None:
    path = tmp_path / "truncated.pdf"
    path.write_bytes(excerpt_pdf.read_bytes()[:200])

    assert error_of(read_pdf_lines, path) == f"{path}: corrupt or truncated PDF; cannot open it"


def test_read_pdf_lines_encrypted(tmp_path: Path) -> None:
    path = tmp_path / "locked.pdf"
    canvas = Canvas(str(path), encrypt="secret")
    canvas.drawString(72, 720, "Confidentiel")
    canvas.showPage()
    canvas.save()

    assert error_of(read_pdf_lines, path) == (
        f"{path}: encrypted PDF (password required); save an unprotected copy first"
    )


def test_read_pdf_lines_scanned_without_text(tmp_path: Path) -> None:
    path = tmp_path / "scan.pdf"
    canvas = Canvas(str(path), invariant=True)
    canvas.rect(72, 72, 400, 600, fill=1)
    canvas.showPage()
    canvas.save()

    assert error_of(read_pdf_lines, path) == (
        f"{path}: no extractable text (a scanned PDF?); run OCR on it before ingesting"
    )


def test_read_pdf_lines_without_pypdfium2(
    monkeypatch: pytest.MonkeyPatch, excerpt_pdf: Path
) -> None:
    monkeypatch.setitem(sys.modules, "pypdfium2", None)  # makes the import fail

    assert error_of(read_pdf_lines, excerpt_pdf) == (
        f"{excerpt_pdf}: reading PDF needs pypdfium2; "
        "install the pdf extra: pip install 'sse-atlas[pdf]'"
    )


def test_is_pdf_pdf_file(excerpt_pdf: Path) -> None:
    assert is_pdf(excerpt_pdf) is True


def test_is_pdf_text_html_and_missing(tmp_path: Path) -> None:
    text = tmp_path / "catalogue.txt"
    text.write_text("ATELIERS SESSION 1\n", encoding="utf-8")
    html = tmp_path / "catalogue.pdf"
    html.write_text("<html></html>", encoding="utf-8")

    assert [is_pdf(text), is_pdf(html), is_pdf(tmp_path / "absent.pdf"), is_pdf(tmp_path)] == [
        False,
        False,
        False,
        False,
    ]


# --- Text --------------------------------------------------------------------------------------


def test_read_text_lines_lf(tmp_path: Path) -> None:
    path = tmp_path / "catalogue.txt"
    path.write_bytes("ATELIERS SESSION 1\n\n1.1. Stratégies\n".encode())

    assert read_text_lines(path) == [
        SourceLine(1, "ATELIERS SESSION 1"),
        SourceLine(2, ""),
        SourceLine(3, "1.1. Stratégies"),
    ]


def test_read_text_lines_crlf_and_cr(tmp_path: Path) -> None:
    path = tmp_path / "catalogue.txt"
    path.write_bytes(b"un\r\ndeux\r\rquatre\rcinq")

    assert read_text_lines(path) == [
        SourceLine(1, "un"),
        SourceLine(2, "deux"),
        SourceLine(3, ""),
        SourceLine(4, "quatre"),
        SourceLine(5, "cinq"),
    ]


def test_read_text_lines_bom(tmp_path: Path) -> None:
    path = tmp_path / "catalogue.txt"
    path.write_bytes(b"\xef\xbb\xbf" + "État\r\nfin\r\n".encode())

    assert read_text_lines(path) == [SourceLine(1, "État"), SourceLine(2, "fin")]


def test_read_text_lines_keeps_tabs_and_trailing_spaces(tmp_path: Path) -> None:
    path = tmp_path / "catalogue.txt"
    path.write_bytes(b"ATELIERS SESSION 2\t\n2.1.\tEXP\n")

    assert read_text_lines(path) == [
        SourceLine(1, "ATELIERS SESSION 2\t"),
        SourceLine(2, "2.1.\tEXP"),
    ]


def test_read_text_lines_form_feed_removed_numbering_kept_pages_counted(tmp_path: Path) -> None:
    path = tmp_path / "catalogue.txt"
    path.write_bytes(b"fin de page\n\x0cdebut de page\n\x0c\nsuite\n")

    assert read_text_lines(path) == [
        SourceLine(1, "fin de page", 1),
        SourceLine(2, "debut de page", 2),
        SourceLine(3, "", 3),
        SourceLine(4, "suite", 3),
    ]


def test_read_text_lines_latin1_names_line(tmp_path: Path) -> None:
    path = tmp_path / "catalogue.txt"
    path.write_bytes("ligne un\r\nligne deux\r\nÉconomie sociale\r\n".encode("latin-1"))

    assert error_of(read_text_lines, path) == (
        f"{path}:3: not valid UTF-8 (latin-1?); convert it to UTF-8"
    )


def test_read_text_lines_latin1_after_bom_names_line(tmp_path: Path) -> None:
    path = tmp_path / "catalogue.txt"
    path.write_bytes(b"\xef\xbb\xbfun\rdeux\rtrois \xe9t\xe9\r")

    assert error_of(read_text_lines, path) == (
        f"{path}:3: not valid UTF-8 (latin-1?); convert it to UTF-8"
    )


def test_read_text_lines_invalid_utf8_not_latin1(tmp_path: Path) -> None:
    path = tmp_path / "catalogue.txt"
    path.write_bytes(b"un\ndeux \x81\n")

    assert error_of(read_text_lines, path) == f"{path}:2: not valid UTF-8; convert it to UTF-8"


def test_read_text_lines_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "absent.txt"

    assert error_of(read_text_lines, path) == f"{path}: no such file"


def test_read_text_lines_directory(tmp_path: Path) -> None:
    assert error_of(read_text_lines, tmp_path) == f"{tmp_path}: is a directory, not a document"


def test_read_text_lines_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")

    assert error_of(read_text_lines, path) == f"{path}: empty document"


def test_read_text_lines_whitespace_only(tmp_path: Path) -> None:
    path = tmp_path / "blank.txt"
    path.write_bytes(b"\xef\xbb\xbf \r\n\t\n\n")

    assert error_of(read_text_lines, path) == f"{path}: empty document"


def test_read_text_lines_binary_with_nul(tmp_path: Path) -> None:
    path = tmp_path / "image.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")

    assert error_of(read_text_lines, path) == f"{path}: binary file, not a catalogue"


def test_read_text_lines_binary_control_bytes(tmp_path: Path) -> None:
    path = tmp_path / "data.txt"
    path.write_bytes(bytes(range(1, 32)) * 20)

    assert error_of(read_text_lines, path) == f"{path}: binary file, not a catalogue"


def test_read_text_lines_pdf_is_binary(tmp_path: Path, excerpt_pdf: Path) -> None:
    path = tmp_path / "catalogue.txt"
    path.write_bytes(excerpt_pdf.read_bytes())

    assert error_of(read_text_lines, path) == f"{path}: binary file, not a catalogue"


def test_read_text_lines_utf16(tmp_path: Path) -> None:
    path = tmp_path / "catalogue.txt"
    path.write_bytes("État".encode("utf-16"))

    assert error_of(read_text_lines, path) == f"{path}: UTF-16 text; convert it to UTF-8"


def test_read_text_lines_bundled_catalogue() -> None:
    lines = read_text_lines(CATALOGUE)

    assert lines[76] == SourceLine(77, "ATELIERS SESSION 1")
    assert [line.number for line in lines] == list(range(1, len(lines) + 1))


def test_lines_from_string_final_line_ending_opens_no_line() -> None:
    assert lines_from_string("\ufeffun\ndeux\n\n") == [
        SourceLine(1, "un"),
        SourceLine(2, "deux"),
        SourceLine(3, ""),
    ]


def test_lines_from_string_empty_names_document() -> None:
    with pytest.raises(DocumentError) as caught:
        lines_from_string(" \n", document="memo.txt")

    assert str(caught.value) == "memo.txt: empty document"


def test_lines_from_string_nul_names_line() -> None:
    with pytest.raises(DocumentError) as caught:
        lines_from_string("un\r\ndeux\x00\n")

    assert str(caught.value) == "<string>:2: binary file, not a catalogue (NUL character)"


def test_document_error_fields_and_pickle() -> None:
    error = DocumentError("a.txt", "bad heading", line=12)
    copy = pickle.loads(pickle.dumps(error))

    assert (copy.path, copy.message, copy.line, str(copy)) == (
        "a.txt",
        "bad heading",
        12,
        "a.txt:12: bad heading",
    )
    assert str(DocumentError("a.txt", "empty document")) == "a.txt: empty document"
