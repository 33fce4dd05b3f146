"""The seed catalogue as other converters print it: wrapped, hyphenated, paged, Markdown, PDF.

Each function takes the text of a catalogue (one paragraph per line, blank lines between blocks,
as the bundled seed is printed) and returns the same catalogue as another tool would have written
it. The reader must give the same records for all of them; see ``test_variants.py``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import sse_atlas

from .pdfmaker import _font, _printable, make_pdf

SEED = Path(sse_atlas.__file__).parent / "data" / "gsef2018-fr.txt"

FOOTER = "GSEF 2018 · Résumé des initiatives"
HEADER = "Global Social Economy Forum 2018"

# A word a typesetter may hyphenate: letters only, lower case after the first letter, with
# perhaps one closing punctuation mark. Acronyms, URLs and words with apostrophes are left whole.
_HYPHENATABLE = re.compile(r"[^\W\d_][^\W\dA-Z_À-Þ]{7,}[.,;:]?")
# What a cruder converter splits: any long run of letters, capitals and apostrophes included.
_SPLITTABLE = re.compile(r"[^\W\d_][^\W\d_'’]*(?:['’][^\W\d_]+)*[.,;:]?")
# Where a converter may break a line inside a word: after a hyphen between two word characters
# (socio-|professionnelle, association-|of in a URL), as textwrap's break_on_hyphens does.
_HYPHEN_BREAK = re.compile(r"(?<=\w-)(?=\w)")
_ANGLE_URL = re.compile(r"<((?:https?://|www\.)[^<>]+)>")
_CODE_HEADING = re.compile(r"^(\d{1,2}\.\d{1,2}(?:\.\d{1,2})?\.?)\s+(\S.*)$")
_SESSION = re.compile(r"^ATELIERS SESSION \d+$")


def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


class _Hyphenator:
    """Splits every ``every``-th word that does not fit at a line end, with a hyphen.

    By default only lower-case words are split, keeping three letters on each side, as a
    typesetter would; ``crude`` splits any word of eight letters or more, capitals and
    apostrophes included (``RENCONT-RES``, ``l'-économie``), keeping two.
    """

    def __init__(self, every: int, *, crude: bool = False) -> None:
        self.every = every
        self.crude = crude
        self.candidates = 0

    def split(self, word: str, room: int) -> tuple[str, str] | None:
        """Head (with its hyphen) that fits in ``room`` columns, and the tail; or None."""
        pattern, keep = (_SPLITTABLE, 2) if self.crude else (_HYPHENATABLE, 3)
        letters = len(word.rstrip(".,;:"))
        if self.every <= 0 or letters < 8 or not pattern.fullmatch(word):
            return None
        cut = min(room - 1, letters - keep)  # the hyphen takes a column
        if cut < keep:
            return None
        self.candidates += 1
        if self.candidates % self.every:
            return None
        return word[:cut] + "-", word[cut:]


def _wrap_paragraph(paragraph: str, width: int, hyphenator: _Hyphenator) -> list[str]:
    """Greedy wrap like textwrap (long words unbroken, breaks after hyphens) plus hyphenation."""
    lines: list[str] = []
    current = ""
    for word in paragraph.split():
        for index, piece in enumerate(_HYPHEN_BREAK.split(word)):
            separator = "" if index else " "
            if not current:
                current = piece
            elif len(current) + len(separator) + len(piece) <= width:
                current += separator + piece
            else:
                split = None
                if separator:
                    split = hyphenator.split(piece, width - len(current) - 1)
                if split is not None:
                    lines.append(f"{current} {split[0]}")
                    current = split[1]
                else:
                    lines.append(current)
                    current = piece
    if current:
        lines.append(current)
    return lines


def _printed(text: str) -> float:
    """The width of ``text`` in a proportional font, in average characters (i narrow, m wide)."""
    return sum(
        0.6 if c in "iljtf.,;:'! " else 1.4 if c in "mwMW" or c.isupper() else 1.0 for c in text
    )


def proportional(text: str, width: float = 95) -> str:
    """Text as a converter gives a typeset PDF's text layer: lines filled in proportional type
    (uneven character counts), no blank lines, no hyphenation."""
    lines: list[str] = []
    for paragraph in text.expandtabs(8).splitlines():
        current = ""
        for word in paragraph.split():
            if current and _printed(f"{current} {word}") > width:
                lines.append(current)
                current = word
            else:
                current = f"{current} {word}" if current else word
        if current:
            lines.append(current)
    return "\n".join(lines) + "\n"


def wrapped_lines(
    text: str, width: int = 76, *, hyphenate_every: int = 2, crude: bool = False
) -> list[str]:
    """(a) Hard-wrapped at ``width`` columns, some words hyphenated; blank lines kept."""
    hyphenator = _Hyphenator(hyphenate_every, crude=crude)
    lines: list[str] = []
    for line in text.expandtabs(8).splitlines():
        if not line.strip():
            lines.append("")
        else:
            lines.extend(_wrap_paragraph(line.strip(), width, hyphenator))
    return lines


def wrapped(text: str, width: int = 76, *, hyphenate_every: int = 2, crude: bool = False) -> str:
    lines = wrapped_lines(text, width, hyphenate_every=hyphenate_every, crude=crude)
    return "\n".join(lines) + "\n"


def without_blank_lines(text: str, width: int = 78, *, crude: bool = False) -> str:
    """(b) Wrapped and hyphenated with no blank line at all, as a PDF text layer comes out."""
    lines = wrapped_lines(text, width, hyphenate_every=3 if not crude else 1, crude=crude)
    return "\n".join(line for line in lines if line) + "\n"


def _pages(lines: list[str], per_page: int) -> Iterator[tuple[int, list[str]]]:
    for start in range(0, len(lines), per_page):
        yield start // per_page + 1, lines[start : start + per_page]


def paged(text: str, *, per_page: int = 50, blank_around: bool = False) -> str:
    """(c) Running furniture every ``per_page`` lines, wherever the page break falls.

    Odd pages end with ``GSEF 2018 · Résumé des initiatives · N``, even pages with a bare ``N``;
    every page after the first starts with a running header. With ``blank_around`` the furniture
    is set apart by blank lines, as layout-preserving converters print it.
    """
    lines = text.splitlines()
    out: list[str] = []
    gap = [""] if blank_around else []
    for number, page in _pages(lines, per_page):
        if number > 1:
            out.extend([HEADER, *gap])
        out.extend(page)
        footer = f"{FOOTER} · {number}" if number % 2 else str(number)
        out.extend([*gap, footer, *gap])
    return "\n".join(out) + "\n"


def crlf_doubled(text: str) -> str:
    """(d) Windows line endings, every blank line doubled."""
    lines = text.splitlines()
    out: list[str] = []
    for line in lines:
        out.extend([line, line] if not line.strip() else [line])
    return "\r\n".join(out) + "\r\n"


def _markdown_line(line: str, in_toc: bool) -> str:
    stripped = line.strip()
    if _SESSION.match(stripped):
        return f"## {stripped}"
    heading = _CODE_HEADING.match(stripped)
    if heading and not in_toc:
        code, title = heading.groups()
        if code.rstrip(".").count(".") == 2:
            return f"**{code} {title}**"
        return f"### {code} {title}"
    return _ANGLE_URL.sub(r"\1", line.rstrip())


def markdown(text: str, width: int | None = None) -> str:
    """(e) Markdown-flavoured: ``### 1.1 Title``, ``**1.1.1 Title**``, bare URLs.

    With ``width``, paragraphs are wrapped (without hyphenation) as Markdown writers do.
    """
    out: list[str] = []
    in_toc = False
    lines = text.splitlines()
    for index, line in enumerate(lines):
        following = lines[index + 1] if index + 1 < len(lines) else ""
        if _SESSION.match(line.strip()):
            in_toc = "\t" in following
        elif not line.strip():
            in_toc = False
        converted = _markdown_line(line, in_toc)
        if width is None or not converted.strip():
            out.append(converted)
        else:
            out.extend(_wrap_paragraph(converted, width, _Hyphenator(0)))
    return "\n".join(out) + "\n"


def printed_in_pdf(text: str) -> str:
    """``text`` as the PDF prints it: characters its font lacks (①, →) become ``?``."""
    return _printable(text, _font())


def hostile(text: str) -> str:
    """The catalogue with HTML, emoji, control characters and 5,000-character lines in it."""
    out: list[str] = []
    for index, line in enumerate(text.splitlines()):
        if line and index % 7 == 3:
            line = f"<p><b>{line}</b></p> <script>alert('x')</script> 🌍🤝 \x1b[31m\x07 \u202e"
        if index % 50 == 10:
            out.append("Ligne " + " ".join(["Économie", "Mme.", "<http://x.org/", "1.1.1"] * 250))
            out.append("x" * 5000)
            out.append("<" * 3000 + "http://" + "a" * 2000)
            out.append("1. " + "Mme. Ana " * 600)
            out.append("Atelier coordonné par " + "X. " * 1700)
        out.append(line)
    return "\n".join(out) + "\n"


def pdf(path: Path, text: str, *, width: int = 80, lines_per_page: int = 45) -> Path:
    """A PDF of the wrapped, hyphenated text (reportlab), with a running footer on every page."""
    body = "\n".join(wrapped_lines(text, width - 2, hyphenate_every=2))
    make_pdf(path, body, width_chars=width, lines_per_page=lines_per_page)
    return path
