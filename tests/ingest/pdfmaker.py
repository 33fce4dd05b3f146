"""Build small text PDFs for tests, laid out like a converter's output of a catalogue.

Paragraphs are hard-wrapped, pages hold a fixed number of lines, and every page carries a running
footer with its page number, as in the PDF editions of the forum catalogues.
"""

from __future__ import annotations

import textwrap
from pathlib import Path

import reportlab
from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

# Bitstream Vera ships inside reportlab, so the helper needs no system font; it covers Latin-1,
# œ, typographic quotes and dashes (all French needs).
_FONT_NAME = "SseAtlasTestVera"
_FONT_PATH = Path(reportlab.__file__).parent / "fonts" / "Vera.ttf"
_FONT_SIZE = 10
_LEADING = 14
_MARGIN = 56


def _font() -> TTFont:
    if _FONT_NAME not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(_FONT_NAME, str(_FONT_PATH)))
    font: TTFont = pdfmetrics.getFont(_FONT_NAME)
    return font


def _printable(text: str, font: TTFont) -> str:
    """Replace characters the font has no glyph for, rather than fail."""
    glyphs = font.face.charToGlyph
    return "".join(ch if ord(ch) in glyphs else "?" for ch in text)


def _wrap(text: str, width_chars: int) -> list[str]:
    """Hard-wrap each paragraph; blank lines between paragraphs are kept."""
    lines: list[str] = []
    for paragraph in text.splitlines():
        if not paragraph.strip():
            lines.append("")
            continue
        lines.extend(textwrap.wrap(paragraph.strip(), width=width_chars) or [""])
    return lines


def make_pdf(
    path: Path,
    text: str,
    *,
    width_chars: int = 80,
    footer: str | None = "GSEF 2018 — Résumé des initiatives",
    lines_per_page: int = 45,
) -> None:
    """Write ``text`` to a PDF at ``path``: wrapped lines, ``lines_per_page`` per page, footer."""
    if lines_per_page < 1:
        raise ValueError("lines_per_page must be at least 1")
    font = _font()
    lines = _wrap(text, width_chars) or [""]
    pages = [lines[i : i + lines_per_page] for i in range(0, len(lines), lines_per_page)]
    _, height = A4
    canvas = Canvas(str(path), pagesize=A4, invariant=True)
    for number, page_lines in enumerate(pages, start=1):
        canvas.setFont(_FONT_NAME, _FONT_SIZE)
        y = height - _MARGIN
        for line in page_lines:
            if line:
                canvas.drawString(_MARGIN, y, _printable(line, font))
            y -= _LEADING
        if footer is not None:
            canvas.drawString(_MARGIN, _MARGIN / 2, _printable(f"{footer} · {number}", font))
        canvas.showPage()
    canvas.save()
