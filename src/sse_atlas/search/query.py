"""The query parser: any string in, words and a language out, never an error.

There is no query syntax to get wrong: quotes, ``AND``, brackets, ``*`` or ``NEAR(`` are plain
text, control characters are dropped, and overlong queries are cut (first :data:`MAX_CHARS`
characters, first :data:`MAX_WORDS` words).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from sse_atlas.search.glossary import GLOSSARY
from sse_atlas.search.text import STOPWORDS, fold, words

MAX_CHARS = 500
MAX_WORDS = 32
QUERY_LANGUAGES = ("fr", "en", "es", "pt", "ca", "eu", "it", "de")

# Letters and spellings that point at one language (or a few), read on the lower-cased query.
_CUES: tuple[tuple[re.Pattern[str], dict[str, float]], ...] = tuple(
    (re.compile(pattern), weights)
    for pattern, weights in (
        (r"ñ", {"es": 2.0}),
        (r"ción\b|ciones\b|dad\b|¿|¡", {"es": 1.5}),
        (r"[ãõ]|ção\b|ções\b|ência\b|lh", {"pt": 2.0}),
        (r"l·l|ció\b|cions\b|ny\b|\bels\b|\bamb\b|ix\b", {"ca": 2.0}),
        (r"[èòï]", {"ca": 0.5, "fr": 0.5}),
        (r"ç", {"pt": 0.5, "ca": 0.5, "fr": 0.5}),
        (r"[êâô]", {"pt": 0.5, "fr": 0.5}),
        (r"[îûœ]|eau|aux\b|\bqu'|\bl'|\bd'", {"fr": 1.0}),
        (r"tx|tz|\bk[aeiou]|ak\b|aren\b|etan\b|ekin\b|tzen\b|tasun|keta\b", {"eu": 1.0}),
        (r"\bth|wh|ing\b|\bw|ship\b|y\b", {"en": 0.5}),
    )
)


@dataclass(frozen=True)
class ParsedQuery:
    """What the user typed, cleaned, as folded words, with the language it seems written in."""

    text: str
    words: tuple[str, ...]
    language: str | None

    @property
    def empty(self) -> bool:
        return not self.words


def clean(text: str) -> str:
    """Control and format characters out, whitespace collapsed, length capped."""
    kept = []
    for char in text[: MAX_CHARS * 4]:
        category = unicodedata.category(char)
        if category in ("Cc", "Cf", "Cs", "Co", "Cn"):
            kept.append(" ")
        else:
            kept.append(char)
    return " ".join("".join(kept).split())[:MAX_CHARS]


def detect_language(text: str) -> str | None:
    """The language of a short query from stop words, lexicon words and spelling; None if unsure."""
    lowered = text.casefold()
    scores: dict[str, float] = {}
    folded = words(lowered)
    vocabulary = GLOSSARY.vocabulary
    for word in folded:
        for language in QUERY_LANGUAGES:
            if word in STOPWORDS[language]:
                scores[language] = scores.get(language, 0.0) + 1.0
            elif word in vocabulary[language]:
                scores[language] = scores.get(language, 0.0) + 0.75
    for pattern, weights in _CUES:
        if pattern.search(lowered):
            for language, weight in weights.items():
                scores[language] = scores.get(language, 0.0) + weight
    if not scores:
        return None
    ranked = sorted(scores.items(), key=lambda item: -item[1])
    if len(ranked) > 1 and ranked[0][1] - ranked[1][1] < 0.5:
        return None
    return ranked[0][0]


def parse(text: str) -> ParsedQuery:
    cleaned = clean(text)
    found = tuple(w for w in words(cleaned) if w)[:MAX_WORDS]
    return ParsedQuery(cleaned, found, detect_language(cleaned) if found else None)


def content_words(query: ParsedQuery) -> list[int]:
    """Positions of the words that carry meaning (stop words of the query's language out)."""
    stops = STOPWORDS.get(query.language or "", frozenset())
    keep = [i for i, w in enumerate(query.words) if w not in stops and w not in STOPWORDS["fr"]]
    if query.language is None:
        keep = [i for i in keep if not _stopword_everywhere(query.words[i])]
    return keep or list(range(len(query.words)))


def _stopword_everywhere(word: str) -> bool:
    """Words that are function words in at least two of the query languages (``de``, ``a``)."""
    return sum(1 for language in QUERY_LANGUAGES if word in STOPWORDS[language]) >= 2


__all__ = ["ParsedQuery", "clean", "content_words", "detect_language", "fold", "parse"]
