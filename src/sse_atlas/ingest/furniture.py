"""Page furniture: page numbers and running headers and footers, found by repetition.

Converters print a catalogue's page numbers and running footers among its text, sometimes in the
middle of an entry. They are recognised by what they share across pages (the same short line,
with only its number changing, or at the same edge of every page) and dropped before wraps are
undone (see :mod:`sse_atlas.ingest.text`).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence

from sse_atlas.ingest import patterns as p


def furniture_key(text: str) -> str:
    return re.sub(r"\d+", "#", text.casefold())


def _page_numbers(texts: Sequence[str], footers: dict[int, int]) -> set[int]:
    """Lines that hold nothing but a page number, and whose numbers follow each other.

    A number alone on a line may also be the end of a wrapped sentence (``... durable`` /
    ``2030``): only a number a few pages from the page number before it, or from the one after
    it, is taken for one. ``footers`` gives the page numbers of running footers by line.
    """
    bare: set[int] = set()
    numbers = dict(footers)
    for index, text in enumerate(texts):
        if text and len(text) <= 20 and p.PAGE_NUMBER.match(text):
            digits = re.search(r"\d+", text)
            if digits is not None:
                bare.add(index)
                numbers[index] = int(digits.group(0))
    ordered = sorted(numbers.items())
    found: set[int] = set()
    for position, (index, number) in enumerate(ordered):
        if index not in bare:
            continue
        for step in (1, 2):  # one neighbour may be a stray number itself
            before = ordered[position - step][1] if position >= step else None
            after = ordered[position + step][1] if position + step < len(ordered) else None
            if (before is not None and 0 < number - before <= 4 * step) or (
                after is not None and 0 < after - number <= 4 * step
            ):
                found.add(index)
                break
    return found


def _footer_pages(texts: Sequence[str], found: list[int]) -> dict[int, int]:
    """The page number of each line of a numbered running footer, if its number changes."""
    numbers: dict[int, int] = {}
    for index in found:
        digits = re.findall(r"\d+", texts[index])
        if digits:
            numbers[index] = int(digits[-1])
    return numbers if len(set(numbers.values())) > 1 else {}


def _page_edges(pages: Sequence[int | None], texts: Sequence[str]) -> set[int]:
    """The first and last text line of every page, when the pages are known (PDF)."""
    edges: set[int] = set()
    previous: int | None = None
    for index, (page, text) in enumerate(zip(pages, texts, strict=True)):
        if not text or page is None:
            continue
        if previous is None or page != pages[previous]:
            edges.add(index)
            if previous is not None:
                edges.add(previous)
        previous = index
    if previous is not None:
        edges.add(previous)
    return edges


def find_furniture(texts: Sequence[str], pages: Sequence[int | None] | None = None) -> set[int]:
    """Indexes of page numbers and running headers/footers (short lines repeated on many pages).

    A line repeated with only its number changing is a running footer. A line repeated as it is
    (a header without a number) counts only where it stands beside the page numbers and footers
    found, or at the top or bottom of PDF pages: the last word of wrapped titles (``sociale``)
    also comes back alone many times.
    """
    positions: dict[str, list[int]] = {}
    for index, text in enumerate(texts):
        if (
            text
            and len(text) <= 90
            and (not text[:1].islower() or p.URL.match(text) is not None)
            and not p.PAGE_NUMBER.match(text)
            and not p.is_structural(text)
        ):
            positions.setdefault(furniture_key(text), []).append(index)
    footers: set[int] = set()
    footer_pages: dict[int, int] = {}
    for key, found in positions.items():
        if "#" in key and len(found) >= 3:
            footers.update(found)
            footer_pages.update(_footer_pages(texts, found))
    furniture = footers | _page_numbers(texts, footer_pages)
    edges = set(furniture) | (_page_edges(pages, texts) if pages is not None else set())
    near_edges = {edge + step for edge in edges for step in range(-2, 3)}
    for key, found in positions.items():
        if "#" in key or len(found) < 5 or len(texts[found[0]]) > 60:
            continue
        if edges:
            beside = sum(1 for i in found if i in near_edges)
            if beside * 5 >= len(found) * 4:
                furniture.update(found)
        elif len(texts[found[0]].split()) >= 2 and _regular(found):
            furniture.update(found)
    return furniture


def _regular(indexes: list[int]) -> bool:
    """Lines spaced like pages: far apart, and about as far each time."""
    gaps = sorted(b - a for a, b in itertools.pairwise(indexes))
    return gaps[0] >= 15 and gaps[-1] <= 2.5 * gaps[len(gaps) // 2]
