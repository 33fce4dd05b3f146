"""Typeset PDF pages read from the position, size and weight of every character.

pdfium's plain text gives the lines of a page but not what a reader sees: which lines are a
running header or footer, where a paragraph ends, which line is a heading. Here each line keeps
its left and right edges, baseline, font size and weight, and:

- page furniture is a line in the top or bottom margin whose text (digits aside) comes back on
  many pages, or a bare page number there;
- a paragraph ends where the gap to the next line is wider than the text's leading, where the
  type changes (a bold or larger heading, then body text), where the next line is indented (a
  first-line indent), or where the next line's first word would have fitted at the end of the
  line (the typesetter broke the line on purpose);
- inside a paragraph, lines are marked as continuing the one before, so the text layer joins
  them (undoing hyphenation) whatever their length.

Lines are numbered continuously across pages and keep their page, as :mod:`ingest.pdf` does.
"""

from __future__ import annotations

import ctypes
import itertools
import re
import statistics
from dataclasses import dataclass
from typing import Any

from sse_atlas.ingest import patterns as p
from sse_atlas.ingest.lines import SourceLine

__all__ = ["LaidLine", "layout_lines"]

# Share of the page height, at the top and at the bottom, where running furniture sits.
_MARGIN_ZONE = 0.12
# A furniture text comes back on at least this share of pages (and on three pages at least).
_FURNITURE_SHARE = 0.2
_HEIGHT_STEP = 4.0  # points: running lines at the same height within this are the same
_GAP_FACTOR = 1.25  # a line gap this much wider than the leading ends a paragraph
_INDENT = 0.8  # a line starting this many ems right of the one before is a first-line indent
_BOLD_NAME = re.compile(r"bold|black|heavy|semibold|demi", re.IGNORECASE)
# Hyphens a typesetter adds at a line end: a hyphen (U+2010), a soft hyphen, pdfium's marks.
_TYPESET_HYPHENS = {0x2010: "\u2010", 0xAD: "\u2010", 0xFFFE: "-", 0x02: "-"}


@dataclass
class LaidLine:
    """One printed line with its geometry and type."""

    page: int
    text: str = ""
    left: float = 0.0
    right: float = 0.0
    baseline: float = 0.0
    size: float = 0.0
    bold: bool = False
    first_word: float = 0.0  # printed width of the first word
    furniture: bool = False


class _Chars:
    """pdfium's per-character queries on one text page, with reusable out-parameters."""

    def __init__(self, raw: Any, textpage: Any) -> None:
        self.raw, self.textpage = raw, textpage
        self._box = tuple(ctypes.c_double() for _ in range(4))
        self._origin = (ctypes.c_double(), ctypes.c_double())
        self._name, self._flags = ctypes.create_string_buffer(128), ctypes.c_int()

    def text(self, count: int) -> str:
        """The page's characters, one per index (generated spaces and line breaks included)."""
        buffer = (ctypes.c_ushort * (count + 1))()
        self.raw.FPDFText_GetText(self.textpage, 0, count, buffer)
        text = bytes(buffer)[: count * 2].decode("utf-16-le", errors="replace")
        if len(text) != count:  # characters outside the BMP: ask for each one
            get = self.raw.FPDFText_GetUnicode
            text = "".join(chr(get(self.textpage, index)) for index in range(count))
        return text

    def box(self, index: int) -> tuple[float, float]:
        left, right, bottom, top = self._box
        self.raw.FPDFText_GetCharBox(self.textpage, index, left, right, bottom, top)
        return left.value, right.value

    def baseline(self, index: int) -> float:
        x, y = self._origin
        self.raw.FPDFText_GetCharOrigin(self.textpage, index, x, y)
        return float(y.value)

    def size(self, index: int) -> float:
        return float(self.raw.FPDFText_GetFontSize(self.textpage, index))

    def bold(self, index: int) -> bool:
        if self.raw.FPDFText_GetFontWeight(self.textpage, index) >= 600:
            return True
        name = self._name
        self.raw.FPDFText_GetFontInfo(self.textpage, index, name, len(name), self._flags)
        return _BOLD_NAME.search(name.value.decode("latin-1")) is not None


def _segments(text: str) -> list[tuple[int, int]]:
    """Index ranges of the printed lines: pdfium's line breaks, and after a hyphen mark it
    joined across a line end."""
    segments: list[tuple[int, int]] = []
    start = 0
    for index, char in enumerate(text):
        if char in "\r\n":
            if index > start:
                segments.append((start, index))
            start = index + 1
        elif char in "\x02\ufffe":
            segments.append((start, index + 1))
            start = index + 1
    if start < len(text):
        segments.append((start, len(text)))
    return segments


def _page_lines(raw: Any, textpage: Any, page_number: int) -> list[LaidLine]:
    """The printed lines of one page with their edges, baseline, size and weight.

    Geometry is asked for a few characters of each line (its ends, its first word, a sample of
    its type), not for every character: pdfium has already found the lines.
    """
    chars = _Chars(raw, textpage)
    count = raw.FPDFText_CountChars(textpage)
    if count <= 0:
        return []
    text = chars.text(count)
    lines: list[LaidLine] = []
    for start, end in _segments(text):
        printed = [i for i in range(start, end) if not text[i].isspace()]
        if not printed:
            continue
        first, last = printed[0], printed[-1]
        middle = printed[len(printed) // 2]
        line_text = "".join(_TYPESET_HYPHENS.get(ord(c)) or c for c in text[start:end])
        left, first_right = chars.box(first)
        word_end = next((i for i in range(first, end) if text[i].isspace()), last + 1) - 1
        samples = sorted({first, middle, last})
        weight = sum(chars.bold(index) for index in samples)
        lines.append(
            LaidLine(
                page_number,
                text=line_text.strip(),
                left=left,
                right=chars.box(last)[1],
                baseline=chars.baseline(first),
                size=max(chars.size(index) for index in samples),
                bold=weight * 2 > len(samples),
                first_word=chars.box(word_end)[1] - left
                if word_end > first
                else first_right - left,
            )
        )
    return lines


def _furniture_key(text: str) -> str:
    return re.sub(r"\d+", "#", p.fold(text))


def _mark_furniture(pages: list[tuple[float, list[LaidLine]]]) -> None:
    """Mark running headers, footers and page numbers in the top and bottom margins.

    A running text comes back at the same height of many pages (digits aside); the same words
    printed elsewhere on a page (a title the header repeats) are body text.
    """
    in_margin: list[tuple[LaidLine, str, int]] = []
    for height, lines in pages:
        for line in lines:
            if line.baseline > height * (1 - _MARGIN_ZONE) or line.baseline < height * _MARGIN_ZONE:
                bucket = round(line.baseline / _HEIGHT_STEP)
                in_margin.append((line, _furniture_key(line.text), bucket))
    pages_at: dict[tuple[str, int], set[int]] = {}
    for line, key, bucket in in_margin:
        pages_at.setdefault((key, bucket), set()).add(line.page)
    needed = max(3, _FURNITURE_SHARE * len(pages))
    for line, key, bucket in in_margin:
        if p.is_structural(line.text):
            continue
        near = set().union(*(pages_at.get((key, bucket + step), set()) for step in (-1, 0, 1)))
        if len(near) >= needed or p.PAGE_NUMBER.fullmatch(line.text):
            line.furniture = True


def _leadings(lines: list[LaidLine]) -> dict[int, float]:
    """The usual distance between baselines for each font size (rounded to the point)."""
    gaps: dict[int, list[float]] = {}
    for before, after in itertools.pairwise(lines):
        gap = before.baseline - after.baseline
        if before.page == after.page and gap > 0 and abs(before.size - after.size) < 0.5:
            gaps.setdefault(round(before.size), []).append(gap)
    return {size: statistics.median(found) for size, found in gaps.items()}


@dataclass(frozen=True)
class _Column:
    left: float
    right: float


def _column(line: LaidLine, page: list[LaidLine]) -> _Column:
    """The edges of the column a line is set in: the lines of its type across its width."""
    left, right = line.left, line.right
    for other in page:
        if (
            abs(other.size - line.size) < 0.5
            and other.left <= line.right
            and other.right >= (line.left + line.right) / 2
        ):
            left, right = min(left, other.left), max(right, other.right)
    return _Column(left, right)


def _column_right(line: LaidLine, page: list[LaidLine], lefts: dict[int, float]) -> float:
    """The right edge of the column a line is set in: the widest line that overlaps it, or
    that starts where it starts (on any page: a page may hold a single line)."""
    right = max(line.right, lefts.get(round(line.left / 4), line.right))
    for other in page:
        overlap = min(other.right, line.right) - max(other.left, line.left)
        if overlap > 0.5 * (line.right - line.left) and abs(other.size - line.size) < 0.5:
            right = max(right, other.right)
    return right


def _spaced(lines: list[LaidLine], leadings: dict[int, float], default: float) -> bool:
    """Whether the document sets its paragraphs apart with space (one gap in twenty lines)."""
    gaps = steps = 0
    for before, after in itertools.pairwise(lines):
        if before.page == after.page and before.baseline > after.baseline:
            steps += 1
            leading = leadings.get(round(before.size), default)
            gaps += before.baseline - after.baseline > _GAP_FACTOR * leading
    return steps > 0 and gaps * 20 >= steps


def _indented(before: LaidLine, after: LaidLine, column: _Column) -> bool | None:
    """None when ``after`` is not indented in its column; else whether the line before it
    ended short (a paragraph's last line), or was itself indented (a one-line paragraph)."""
    if after.left <= column.left + _INDENT * after.size:
        return None
    short = before.right + 0.3 * after.size + after.first_word < column.right - 0.5
    return short or before.left > column.left + _INDENT * after.size


def _first_line_indents(body: list[LaidLine], by_page: dict[int, list[LaidLine]]) -> bool:
    """Whether the document opens its paragraphs with an indent: indented lines mostly follow
    a short line. Where they follow full lines, they are the hanging indents of list items."""
    after_short = after_full = 0
    for before, after in itertools.pairwise(body):
        if before.page != after.page or before.baseline <= after.baseline:
            continue
        if _type_changes(before, after):
            continue
        indented = _indented(before, after, _column(before, by_page[before.page]))
        if indented is not None:
            after_short += indented
            after_full += not indented
    return after_short > after_full


def _type_changes(before: LaidLine, after: LaidLine) -> bool:
    return abs(before.size - after.size) >= 0.5 or before.bold != after.bold


def _continues(
    before: LaidLine,
    after: LaidLine,
    leading: float,
    column_right: float | None,
    indent: _Column | None = None,
) -> bool:
    """Whether ``after`` goes on with the paragraph ``before`` belongs to.

    ``column_right`` is None where space sets paragraphs apart: a short line then says
    nothing (a hard-wrapped text printed as it is breaks lines anywhere). ``indent`` is the
    column both lines are set in, when they are in the same one and the document opens its
    paragraphs with an indent.
    """
    if _type_changes(before, after):
        return False
    if p.starts_new_line(after.text):
        return False
    gap = before.baseline - after.baseline
    if before.page == after.page and gap > 0 and gap > _GAP_FACTOR * leading:
        return False
    if indent is not None and _indented(before, after, indent) is not None:
        return False  # a first-line indent opens a paragraph (see _first_line_indents)
    if column_right is None or before.text.endswith(("\u2010", "-")):
        return True
    space = 0.3 * after.size
    # the typesetter ended the line although the next word would have fitted after it
    return before.right + space + after.first_word >= column_right - 0.5


def layout_lines(pages: list[tuple[float, list[LaidLine]]]) -> list[SourceLine]:
    """Source lines: paragraphs apart, continuations and furniture marked, in reading order."""
    _mark_furniture(pages)
    by_page = {
        lines[0].page: [li for li in lines if not li.furniture] for _, lines in pages if lines
    }
    body = [line for _, lines in pages for line in lines if not line.furniture]
    leadings = _leadings(body)
    default = statistics.median(leadings.values()) if leadings else 12.0
    spaced = _spaced(body, leadings, default)
    indents = _first_line_indents(body, by_page)
    lefts: dict[int, float] = {}
    for line in body:
        key = round(line.left / 4)
        lefts[key] = max(lefts.get(key, line.right), line.right)
    result: list[SourceLine] = []
    previous: LaidLine | None = None
    for line in (line for _, lines in pages for line in lines):
        if line.furniture:
            # kept, marked, for the quality report; the text layer drops it
            result.append(SourceLine(len(result) + 1, line.text, line.page, furniture=True))
            continue
        continues = False
        if previous is not None:
            leading = leadings.get(round(previous.size), default)
            same_column = previous.page == line.page and previous.baseline > line.baseline
            if spaced and not same_column and not _type_changes(previous, line):
                # no gap to see across a page or column break, and where space sets paragraphs
                # apart lines may be broken anywhere: the text layer judges, as for plain text
                pass
            else:
                right = None if spaced else _column_right(previous, by_page[previous.page], lefts)
                column = None
                if same_column and indents:
                    column = _column(previous, by_page[previous.page])
                continues = _continues(previous, line, leading, right, column)
                if not continues:
                    result.append(SourceLine(len(result) + 1, "", previous.page))
        result.append(SourceLine(len(result) + 1, line.text, line.page, continues=continues))
        previous = line
    return result


def read_pages(pdf: Any, raw: Any) -> list[tuple[float, list[LaidLine]]]:
    """Every page's printed lines with the page's height."""
    pages: list[tuple[float, list[LaidLine]]] = []
    for index in range(len(pdf)):
        page = pdf[index]
        try:
            textpage = page.get_textpage()
            try:
                lines = _page_lines(raw, textpage, index + 1)
            finally:
                textpage.close()
            height = page.get_height()
        finally:
            page.close()
        pages.append((height, lines))
    return pages
