"""Words of a text for search: accent folding, tokens with offsets, stemming and stop words.

Everything here is pure and deterministic. The index and the query parser use the same functions,
so a word folds and stems identically on both sides.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

import Stemmer  # type: ignore[import-not-found]

# ISO 639-1 code -> Snowball algorithm. Basque is deliberately missing: its Snowball stemmer
# cuts most nouns to two or three letters, so Basque words are matched by prefix instead.
STEMMERS = {
    "fr": "french",
    "es": "spanish",
    "en": "english",
    "pt": "portuguese",
    "ca": "catalan",
    "it": "italian",
    "de": "german",
    "nl": "dutch",
}

# A word: a run of letters and digits; punctuation, apostrophes and hyphens split words.
_WORD = re.compile(r"[^\W_]+", re.UNICODE)
_SPECIAL = str.maketrans({"œ": "oe", "æ": "ae", "ß": "ss", "ø": "o", "ł": "l", "đ": "d", "ı": "i"})

_STOPWORDS_TEXT = {
    "fr": "a au aux avec ce ces comment dans de des du elle en est et eux il ils je la le les "
    "leur leurs lui ma mais me meme mes moi mon ne nos notre nous on ou par pas pour qu que "
    "quel quelle quelles quels qui sa se ses son sont sur ta te tes toi ton tu un une vos "
    "votre vous y d l s n c j m t cette cet ont ete etre fait faire plus ou comme tout tous "
    "quoi dont aussi ainsi entre sans sous chez via depuis",
    "es": "a al algo como con cual cuales de del desde donde el ella ellas ellos en entre "
    "es esta estan este esto hay la las le les lo los mas me mi mis muy no nos o para pero "
    "por que quien quienes se ser si sin sobre su sus te tu un una uno unos unas y ya son "
    "han ha tienen hacen hace como cuando",
    "en": "a about an and any are as at be been but by can could do does for from has have "
    "how i if in into is it its me my no not of on or our that the their them there these "
    "they this those to was we were what when where which who whom why will with would you "
    "your else did",
    "pt": "a ao aos as com como da das de do dos e em entre eu na nas no nos o os ou para "
    "pela pelas pelo pelos por qual quais que quem se sem seu seus sua suas um uma umas uns "
    "nao mais ha sao esta este isso",
    "ca": "a al als amb com de del dels el els en entre es i la les li lo o per perque que "
    "qui se ses si sobre son un una uns unes hi ho ja no mes com quin quina quins quines",
    "eu": "eta edo da dira du dute bat baina ere ez bai zer nola non nork zein zergatik hau "
    "hori hura hauek honek gisa beste izan egiten dago daude",
    "it": "a al alla che chi come con da dal dalla dei del della di e gli i il in la le lo "
    "nel nella per tra un una uno",
    "de": "der die das und ist ein eine mit fur von zu den im auf nicht wie was wer",
}
STOPWORDS: dict[str, frozenset[str]] = {
    lang: frozenset(words.split()) for lang, words in _STOPWORDS_TEXT.items()
}
ALL_STOPWORDS: frozenset[str] = frozenset().union(*STOPWORDS.values())


@dataclass(frozen=True)
class Token:
    """One word of a text: where it stands in the text and its folded form."""

    start: int
    end: int
    word: str
    folded: str


def fold(text: str) -> str:
    """Lower case without accents: ``Économie`` and ``economie`` fold alike."""
    decomposed = unicodedata.normalize("NFKD", text.casefold().translate(_SPECIAL))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def tokens(text: str) -> Iterator[Token]:
    """The words of ``text`` with offsets; an apostrophe splits (``l'ESS``: ``l``, ``ESS``)."""
    for match in _WORD.finditer(text):
        start, end = match.span()
        word = match.group()
        yield Token(start, end, word, fold(word))


def words(text: str) -> list[str]:
    """The folded words of ``text`` (elisions split off: ``l'économie`` -> ``l``, ``economie``)."""
    return [fold(match.group()) for match in _WORD.finditer(text)]


@lru_cache(maxsize=16)
def _stemmer(algorithm: str) -> Stemmer.Stemmer:
    return Stemmer.Stemmer(algorithm)


@lru_cache(maxsize=500_000)
def stem(word: str, language: str) -> str:
    """The folded Snowball stem of an unfolded or folded word; the word itself if no stemmer.

    The stemmer sees the word as written (French rules read accents), and the stem is folded
    afterwards so that a query typed without accents lands on the same key.
    """
    algorithm = STEMMERS.get(language)
    lowered = word.casefold()
    if algorithm is None or len(lowered) < 3 or lowered.isdigit():
        return fold(lowered)
    return fold(_stemmer(algorithm).stemWord(lowered))
