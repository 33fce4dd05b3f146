"""Columns printed side by side in text: a PDF in two columns through ``pdftotext -layout``.

A layout-preserving converter prints each row of a page as one line, the left column's text,
spaces, then the right column's. On a page where a band of blank columns (the gutter) separates
text on both sides in most rows, each line is cut at the gutter and the page is read column by
column: the left column's lines, then the right's, each keeping its source line and page. A line
that crosses the gutter (a running header across the page) stays whole, with the left column.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence

from sse_atlas.ingest.lines import SourceLine

__all__ = ["split_columns"]

_GUTTER = 3  # blank characters at least between two columns
_MIN_ROWS = 8  # rows with text a page needs before its columns are looked for
_CROSSING_SHARE = 0.06  # rows that may cross the gutter (headers, footers, titles)
_SIDE_SHARE = 0.25  # rows with text on each side of the gutter, at least


def split_columns(lines: Sequence[SourceLine]) -> list[SourceLine]:
    """The lines read column by column on every page printed in columns (pages known only)."""
    if not any(line.page for line in lines) or not any("   " in line.text for line in lines):
        return list(lines)
    result: list[SourceLine] = []
    for _, page in itertools.groupby(lines, key=lambda line: line.page):
        result.extend(_page_columns(list(page)))
    return result


def _gutter(texts: list[str]) -> int | None:
    rows = [t for t in texts if t.strip()]
    if len(rows) < _MIN_ROWS:
        return None
    width = max(len(t) for t in rows)
    filled = [0] * (width + _GUTTER)
    for text in rows:
        for index, char in enumerate(text):
            if not char.isspace():
                filled[index] += 1
    allowed = _CROSSING_SHARE * len(rows)
    best: tuple[int, int] | None = None
    for start in range(width // 4, 3 * width // 4):
        crossing = max(filled[start : start + _GUTTER])
        if crossing > allowed:
            continue
        left = sum(1 for t in rows if t[:start].strip())
        right = sum(1 for t in rows if t[start + _GUTTER :].strip())
        if min(left, right) < _SIDE_SHARE * len(rows):
            continue
        if best is None or crossing < best[0]:
            best = (crossing, start)
    return best[1] + _GUTTER // 2 if best is not None else None


def _page_columns(page: list[SourceLine]) -> list[SourceLine]:
    texts = [line.text.expandtabs(8) for line in page]
    cut = _gutter(texts)
    if cut is None:
        return page
    left: list[SourceLine] = []
    right: list[SourceLine] = []
    for line, text in zip(page, texts, strict=True):
        head, tail = text[:cut].rstrip(), text[cut:]
        gap = len(text) - len(head) - len(tail.lstrip())
        if head.strip() and tail.strip() and gap < 2:
            left.append(line)  # crosses the gutter: a line across the page (a centred header)
            continue
        # Blank rows say little here: a row empty on one side is the other column's line, and
        # larger type leaves empty rows inside a heading. The lines' widths decide instead.
        for column, part in ((left, head), (right, tail.strip())):
            if part.strip():
                column.append(SourceLine(line.number, part, line.page))
    return left + right
