"""Snippets: the passage of a record that best matches the query, matched words in [[ ]]."""

from __future__ import annotations

import re
from collections.abc import Callable

_WORD = re.compile(r"[^\W_]+", re.UNICODE)
OPEN, CLOSE = "[[", "]]"
WINDOW = 32  # words shown around the best passage


def _clean(text: str) -> str:
    """Brackets of the text itself would be read as highlights: soften them."""
    return " ".join(text.replace(OPEN, "[ [").replace(CLOSE, "] ]").split())


def highlight(text: str, matches: Callable[[str], bool], window: int = WINDOW) -> str:
    """The ``window`` words of ``text`` richest in matched words, each matched word in [[ ]].

    ``matches`` decides for a word as written. Without any match the text's opening is shown.
    An ellipsis marks text left out at either end.
    """
    text = _clean(text)
    spans = [(m.start(), m.end()) for m in _WORD.finditer(text)]
    if not spans:
        return text
    hits = [i for i, (start, end) in enumerate(spans) if matches(text[start:end])]
    first = 0
    if hits:
        # slide a window over the words; the window with most distinct hits wins, earliest first
        best, best_score = 0, -1
        for start_hit in hits:
            begin = max(0, min(start_hit - 4, len(spans) - window))
            covered = {
                text[spans[i][0] : spans[i][1]].casefold()
                for i in hits
                if begin <= i < begin + window
            }
            score = len(covered) * 10 + sum(1 for i in hits if begin <= i < begin + window)
            if score > best_score:
                best, best_score = begin, score
        first = best
    last = min(len(spans), first + window)
    start_char = 0 if first == 0 else spans[first][0]
    end_char = len(text) if last == len(spans) else spans[last - 1][1]
    pieces: list[str] = []
    cursor = start_char
    for i in hits:
        if first <= i < last:
            start, end = spans[i]
            pieces.append(text[cursor:start])
            pieces.append(f"{OPEN}{text[start:end]}{CLOSE}")
            cursor = end
    pieces.append(text[cursor:end_char])
    snippet = "".join(pieces).strip()
    if start_char > 0:
        snippet = "… " + snippet
    if end_char < len(text):
        snippet = snippet.rstrip(" ,;:") + " …"
    return snippet
