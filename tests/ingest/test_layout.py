"""Typeset PDF pages read from the characters' position, size and weight."""

from __future__ import annotations

from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

from sse_atlas.ingest.lines import SourceLine
from sse_atlas.ingest.pdf import read_pdf_lines

from .pdfmaker import _FONT_NAME, _FONT_PATH, _font

BOLD = "SseAtlasTestVeraBold"
RUNNING = "Forum Mondial de l'Économie Sociale"


def _bold() -> str:
    _font()
    if BOLD not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(BOLD, str(_FONT_PATH.with_name("VeraBd.ttf"))))
    return BOLD


def _pdf(path: Path) -> Path:
    """Three pages: a bold heading, a paragraph of two lines, a gap, a paragraph; a footer."""
    canvas = Canvas(str(path), invariant=True)
    for page in range(1, 4):
        canvas.setFont(_bold(), 14)
        canvas.drawString(72, 760, f"1.1.{page} Un titre en gras")
        canvas.setFont(_FONT_NAME, 10)
        canvas.drawString(72, 740, "Koopera emploie des personnes dans des coopératives du Pays")
        canvas.drawString(72, 727, "Basque.")
        canvas.drawString(72, 700, RUNNING if page == 2 else "Javier Mariño. Gérant.")
        canvas.setFont(_FONT_NAME, 8)
        canvas.drawString(72, 30, f"{RUNNING} · {page}")
        canvas.showPage()
    canvas.save()
    return path


def test_layout_first_page_heading_paragraphs_and_footer(tmp_path: Path) -> None:
    lines = read_pdf_lines(_pdf(tmp_path / "layout.pdf"))

    assert lines[:8] == [
        SourceLine(1, "1.1.1 Un titre en gras", 1),
        SourceLine(2, "", 1),
        SourceLine(3, "Koopera emploie des personnes dans des coopératives du Pays", 1),
        SourceLine(4, "Basque.", 1, continues=True),
        SourceLine(5, "", 1),
        SourceLine(6, "Javier Mariño. Gérant.", 1),
        SourceLine(7, f"{RUNNING} · 1", 1, furniture=True),
        SourceLine(8, "", 1),
    ]


def test_layout_running_text_in_the_body_is_not_furniture(tmp_path: Path) -> None:
    lines = read_pdf_lines(_pdf(tmp_path / "layout.pdf"))

    assert [(line.text, line.page) for line in lines if line.text.startswith(RUNNING)] == [
        (f"{RUNNING} · 1", 1),
        (RUNNING, 2),
        (f"{RUNNING} · 2", 2),
        (f"{RUNNING} · 3", 3),
    ]
    assert [line.page for line in lines if line.furniture] == [1, 2, 3]


def test_layout_first_line_indent_opens_a_paragraph(tmp_path: Path) -> None:
    path = tmp_path / "indented.pdf"
    canvas = Canvas(str(path), invariant=True)
    canvas.setFont(_FONT_NAME, 10)
    rows = [
        (90, "Koopera emploie des personnes dans des coopératives"),
        (72, "du Pays Basque et de Navarre depuis quinze ans."),
        (90, "Javier Mariño. Gérant de la coopérative Koopera à Bilbao."),
        (90, "Elle crée des emplois pour des personnes en insertion et"),
        (72, "forme des équipes dans plusieurs villes."),
    ]
    for index, (left, text) in enumerate(rows):
        canvas.drawString(left, 760 - 13 * index, text)
    canvas.showPage()
    canvas.save()

    assert [(line.text, line.continues) for line in read_pdf_lines(path)] == [
        ("Koopera emploie des personnes dans des coopératives", False),
        ("du Pays Basque et de Navarre depuis quinze ans.", True),
        ("", False),
        ("Javier Mariño. Gérant de la coopérative Koopera à Bilbao.", False),
        ("", False),
        ("Elle crée des emplois pour des personnes en insertion et", False),
        ("forme des équipes dans plusieurs villes.", True),
    ]
