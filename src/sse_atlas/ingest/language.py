"""Which language a text is written in, from its most common short words (deterministic);
how common a word is in a language, from the word-frequency lists of ``wordfreq``."""

from __future__ import annotations

import functools
import re
from collections import Counter

from sse_atlas.ingest.patterns import fold

_STOPWORDS: dict[str, frozenset[str]] = {
    lang: frozenset(words.split())
    for lang, words in {
        "fr": "le la les des et est une pour dans du au aux qui que sur avec ses leur par pas",
        "es": "el la los las del y es una para con por que en su sus como al se lo",
        "en": "the and of to is for with in on that are this by from as an its their",
        "pt": "o os as do da dos das e em um uma para com por que não ao pela pelo",
        "ca": "el la els les i de del amb per una que al als és dels aquest",
        "eu": "eta da du ere bat dira izan baina beste gisa egiten hau honek",
        "it": "il lo la gli le di e che per con una del della nel sono",
        "de": "der die das und ist ein eine mit für von zu den im auf nicht",
    }.items()
}


# Text is folded before counting, so "não" and "nao" count alike.
_FOLDED = {lang: frozenset(fold(word) for word in words) for lang, words in _STOPWORDS.items()}


def detect_language(text: str | None, minimum_hits: int = 3) -> str | None:
    """ISO 639-1 code of the language whose stop words ``text`` uses most, or None if unsure."""
    if not text:
        return None
    counts = Counter(re.findall(r"[a-z]+", fold(text)))
    scores = {lang: sum(counts[w] for w in stop) for lang, stop in _FOLDED.items()}
    best = max(scores, key=lambda lang: scores[lang])
    ranked = sorted(scores.values(), reverse=True)
    if scores[best] < minimum_hits or (len(ranked) > 1 and ranked[1] == scores[best]):
        return None
    return best


@functools.lru_cache(maxsize=8192)
def _zipf(word: str, language: str) -> float:
    from wordfreq import zipf_frequency

    try:
        return float(zipf_frequency(word, language))
    except LookupError:  # a language wordfreq has no list for
        return 0.0


# Zipf frequency (log10 of uses per billion words) from which a word counts as one of the
# language's: about one use in thirty million words.
_COMMON = 1.5


def is_common_word(language: str | None, word: str) -> bool:
    """Whether ``word`` is a word of ``language`` by its word-frequency list.

    Only a joined form is looked up: wordfreq reads a hyphenated form as its parts, so it
    cannot tell a compound (``socio-professionnelle``) from a word split in two.
    """
    return language is not None and bool(word) and _zipf(word, language) >= _COMMON
