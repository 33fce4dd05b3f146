"""How wide a line of typeset text was printed, from its characters alone.

A PDF converted to text (pdftotext, a copy from a viewer) keeps the typesetter's line breaks,
but its lines were filled in a proportional font: ``illicite`` takes less room than ``MOMW``.
Counting characters then says little about whether a line was full. Advance widths of a generic
proportional font (narrow ``i l . ,``, wide ``m w M W``, capitals wider than small letters) put
a justified paragraph's lines within a few percent of each other whatever the real font was.
"""

from __future__ import annotations

import functools
import statistics
import unicodedata
from collections.abc import Sequence

# Advance widths in thousandths of an em, for classes of characters; the rest take _OTHER.
_CLASSES = {
    "ijl'’|.,;:!": 260,
    "frtI()[]-/ \u2010": 330,
    "abcdeghknopqsuvxyz": 540,
    "mw": 830,
    "ABCDEFGHJKLNOPQRSTUVXYZ": 680,
    "MW": 880,
    "0123456789": 556,
}
_WIDTHS = {char: width for chars, width in _CLASSES.items() for char in chars}
_OTHER = 560
_AVERAGE = 540  # one character "on average": widths are given in these units

# A line counts as full when it reaches this share of the text's width: justified lines of a
# typeset paragraph are this close once measured with the generic widths.
FULL_SHARE = 0.955


@functools.lru_cache(maxsize=4096)
def _char_width(char: str) -> int:
    base = unicodedata.normalize("NFD", char)[:1]
    return _WIDTHS.get(base, _OTHER)


def printed_width(text: str) -> float:
    """The width of ``text`` in average characters of a generic proportional font."""
    return sum(_char_width(char) for char in text) / _AVERAGE


def proportional_width(texts: Sequence[str]) -> float | None:
    """The printed width of the text's full lines, or None when lines are whole paragraphs.

    The width is the 95th percentile of the printed widths of lines with several words,
    scaled down so that a full line measured with generic widths reaches it.
    """
    several = [printed_width(t) for t in texts if " " in t]
    if len(several) < 20:
        return None
    widths = sorted(several)
    width = widths[int(len(widths) * 0.95)]
    near_full = sum(1 for w in widths if w >= width * 0.8)
    if near_full / len(widths) < 0.25 or statistics.median(widths) > 3 * 60:
        return None
    return width * FULL_SHARE


def filled_evenly(texts: Sequence[str], width: int) -> bool:
    """Whether hard-wrapped lines were filled in a fixed-width font, most full lines reaching
    ``width`` within a few characters; text drawn in proportional type and extracted from a PDF
    has lines of uneven character counts (a third of them or fewer are that close)."""
    near = [len(text) for text in texts if len(text) >= 0.8 * width]
    return bool(near) and sum(1 for n in near if n >= width - 3) / len(near) > 0.35
