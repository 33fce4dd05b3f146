"""Which cue patterns can match a text at all, told without running them.

A cue pattern is ``\\b(?:cue|cue|...)``; a match of a cue that starts with a letter or digit
starts a word of the text and begins with the cue's literal start (its first characters before
any other regular-expression syntax). So a text whose words start with none of a pattern's
literal starts has no match of it, and the classifier skips the pattern for that text instead
of scanning the text once per label. A cue that starts otherwise makes its pattern ungated.
"""

from __future__ import annotations

import re
from functools import lru_cache

_LENGTH = 3  # characters of a literal start compared; the gate is exact for any length
_META = frozenset("\\()[]{}.^$|?*+")
_QUANTIFIERS = frozenset("?*+{")
_WORD_START = re.compile(r"(?<!\w)(?=\w)")


def _alternatives(cues: str) -> list[str]:
    """The top-level alternatives of a cue pattern (``|`` outside groups and classes)."""
    found, depth, start, escaped, in_class = [], 0, 0, False, False
    for index, char in enumerate(cues):
        if escaped:
            escaped = False
        elif char == "\\":
            escaped = True
        elif in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        elif char == "|" and depth == 0:
            found.append(cues[start:index])
            start = index + 1
    found.append(cues[start:])
    return found


def _literal_start(cue: str) -> str:
    """The characters every match of ``cue`` begins with (at most :data:`_LENGTH`)."""
    literal = ""
    for index, char in enumerate(cue[:_LENGTH]):
        following = cue[index + 1] if index + 1 < len(cue) else ""
        if char in _META or following in _QUANTIFIERS:
            break
        literal += char
    return literal


@lru_cache(maxsize=512)
def gate(cues: str) -> frozenset[str] | None:
    """The literal starts of a pattern's cues; None when one cue could match anywhere."""
    starts = set()
    for cue in _alternatives(cues):
        literal = _literal_start(cue)
        if not literal or not re.match(r"\w", literal):
            return None
        starts.add(literal)
    return frozenset(starts)


@lru_cache(maxsize=8192)
def word_starts(folded: str) -> frozenset[str]:
    """The first one, two and three characters at every word start of a folded text."""
    found: set[str] = set()
    for match in _WORD_START.finditer(folded):
        at = match.start()
        found.update(folded[at : at + length] for length in range(1, _LENGTH + 1))
    return frozenset(found)


def may_match(cues_gate: frozenset[str] | None, starts: frozenset[str]) -> bool:
    """False only when no cue of the pattern can match the text the starts are of."""
    return cues_gate is None or not cues_gate.isdisjoint(starts)
