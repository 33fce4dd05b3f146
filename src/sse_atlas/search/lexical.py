"""Lexical search: a BM25F inverted index in numpy arrays, with typo correction.

Words are folded (no accents, no case) and stemmed with the Snowball stemmer of the record's
language; each field counts with its weight (a title word is worth three description words). At
build time every posting stores its whole BM25 contribution, so a query costs one vectorised
addition per query term. Vocabulary words keep their folded surface forms for typo correction
and for highlighting.
"""

from __future__ import annotations

import re
from array import array
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA

from sse_atlas.search.documents import FIELD_WEIGHTS, SearchDocument
from sse_atlas.search.text import STOPWORDS, fold, stem

K1 = 1.2
B = 0.75
_WORD = re.compile(r"[^\W_]+", re.UNICODE)

FloatArray = npt.NDArray[np.float32]
IntArray = npt.NDArray[np.int32]


def key_of(word: str, language: str) -> str:
    """The index key of a word as written: its folded stem in ``language``."""
    return stem(word, language)


@dataclass(frozen=True)
class Term:
    """A query term resolved against the index: its id, weight and document frequency."""

    key: str
    id: int
    weight: float
    idf: float


class LexicalIndex:
    """Inverted index over weighted fields; postings hold precomputed BM25 contributions."""

    def __init__(self, documents: Sequence[SearchDocument]) -> None:
        self.size = len(documents)
        self.languages: tuple[str, ...] = tuple(
            sorted({d.language or "fr" for d in documents}) or ("fr",)
        )
        self.keys: dict[str, int] = {}
        self.surfaces: dict[str, int] = {}  # folded word as written -> term id
        self._build(documents)

    # -- building ----------------------------------------------------------------------------

    def _build(self, documents: Sequence[SearchDocument]) -> None:
        docs = array("i")
        terms = array("i")
        weights = array("f")
        lengths = np.zeros(self.size, dtype=np.float32)
        ids: dict[tuple[str, str], int] = {}  # (word as written, language) -> term id, -1 = stop
        for number, document in enumerate(documents):
            language = document.language or "fr"
            stops = STOPWORDS.get(language, frozenset())
            counts: dict[int, float] = {}
            length = 0.0
            for name, text in document.fields:
                weight = FIELD_WEIGHTS[name]
                for match in _WORD.finditer(text):
                    word = match.group()
                    term = ids.get((word, language))
                    if term is None:
                        term = self._term_id(word, language, stops)
                        ids[(word, language)] = term
                    if term < 0:
                        continue
                    counts[term] = counts.get(term, 0.0) + weight
                    length += weight
            docs.extend([number] * len(counts))
            terms.extend(counts.keys())
            weights.extend(counts.values())
            lengths[number] = length
        self._finish(
            np.frombuffer(docs, dtype=np.int32),
            np.frombuffer(terms, dtype=np.int32),
            np.frombuffer(weights, dtype=np.float32),
            lengths,
        )

    def _term_id(self, word: str, language: str, stops: frozenset[str]) -> int:
        folded = fold(word)
        if folded in stops:
            return -1
        key = key_of(word, language)
        term = self.keys.setdefault(key, len(self.keys))
        self.surfaces.setdefault(folded, term)
        return term

    def _finish(self, docs: IntArray, terms: IntArray, tf: FloatArray, lengths: FloatArray) -> None:
        order = np.argsort(terms, kind="stable")
        self.postings: IntArray = docs[order]
        counts = np.bincount(terms, minlength=len(self.keys))
        self.offsets = np.zeros(len(self.keys) + 1, dtype=np.int64)
        np.cumsum(counts, out=self.offsets[1:])
        self.df = counts.astype(np.int32)
        average = float(lengths.mean()) if self.size else 1.0
        self.idf: FloatArray = np.log1p((self.size - self.df + 0.5) / (self.df + 0.5)).astype(
            np.float32
        )
        tf_sorted = tf[order]
        norm = K1 * (1.0 - B + B * lengths[self.postings] / max(average, 1e-6))
        per_posting_idf = np.repeat(self.idf, counts)
        self.impacts: FloatArray = (
            per_posting_idf * tf_sorted * (K1 + 1.0) / (tf_sorted + norm)
        ).astype(np.float32)
        self._by_length: dict[tuple[str, int], list[str]] | None = None

    # -- querying ----------------------------------------------------------------------------

    def term_ids(self, folded: str, languages: Iterable[str]) -> set[int]:
        """Index terms a folded query word stands for: as written, or stemmed in any language."""
        found: set[int] = set()
        term = self.surfaces.get(folded)
        if term is not None:
            found.add(term)
        for language in (*self.languages, *languages):
            term = self.keys.get(key_of(folded, language))
            if term is not None:
                found.add(term)
        return found

    def scores(self, terms: Sequence[Term]) -> FloatArray:
        """BM25F score of every document for weighted terms (0 where nothing matches)."""
        total = np.zeros(self.size, dtype=np.float32)
        for term in terms:
            start, end = self.offsets[term.id], self.offsets[term.id + 1]
            total[self.postings[start:end]] += term.weight * self.impacts[start:end]
        return total

    def matches(self, term: Term) -> IntArray:
        """Documents containing ``term``."""
        return self.postings[self.offsets[term.id] : self.offsets[term.id + 1]]

    def correct(self, folded: str, extra: Iterable[str] = ()) -> str | None:
        """The closest vocabulary word to a misspelt one, or None if nothing is close enough.

        Typos rarely touch the first letter, so candidates share it; one edit (a transposition
        counts as one) is allowed from 5 letters, two from 9. Among equally close words the most
        frequent in the collection wins.
        """
        if len(folded) < 5 or not folded.isalpha():
            return None
        limit = 1 if len(folded) < 9 else 2
        candidates = self._near_lengths(folded, limit, extra)
        found = process.extract(
            folded, candidates, scorer=OSA.distance, score_cutoff=limit, limit=20
        )
        if not found:
            return None
        best = min(found, key=lambda hit: (hit[1], -self._frequency(hit[0]), hit[0]))
        return str(best[0])

    def resembling(self, folded: str) -> str | None:
        """A word of the collection that ``folded`` resembles, looser than :meth:`correct`:
        it may hold it ("qqmonnaiex": "monnaie") or differ in a few letters anywhere. Only to
        offer when nothing was found, never to search with."""
        if len(folded) < 5 or not folded.isalpha():
            return None
        self._near_lengths(folded, 0, ())  # builds the groups of words by first letter and length
        # any first letter ("qq" typed before "monnaie"): the groups of the lengths near its own
        candidates = [
            w
            for (_first, n), group in (self._by_length or {}).items()
            if abs(n - len(folded)) <= 4 and n >= 5
            for w in group
        ]
        found = process.extractOne(folded, candidates, scorer=fuzz.WRatio, score_cutoff=80)
        if found is None or fuzz.ratio(folded, found[0]) < 75:
            return None
        return str(found[0])

    def _frequency(self, word: str) -> int:
        term = self.surfaces.get(word)
        return int(self.df[term]) if term is not None else 0

    def _near_lengths(self, word: str, limit: int, extra: Iterable[str]) -> list[str]:
        """Words of the vocabulary (then of ``extra``) within ``limit`` letters of the length
        of ``word`` and sharing its first letter, in the vocabulary's order."""
        if self._by_length is None:
            # grouped by first letter and length: a lookup reads its few groups, not the whole
            # vocabulary of a large collection
            grouped: dict[tuple[str, int], list[str]] = {}
            for surface in self.surfaces:
                if surface:
                    grouped.setdefault((surface[0], len(surface)), []).append(surface)
            self._by_length = grouped
        size, first = len(word), word[0]
        found = [
            w
            for n in range(size - limit, size + limit + 1)
            for w in self._by_length.get((first, n), [])
        ]
        found.extend(w for w in extra if abs(len(w) - size) <= limit and w[0] == first)
        return found

    def idf_of(self, term: int) -> float:
        return float(self.idf[term])

    @property
    def rarest_idf(self) -> float:
        """The idf a word of one record would have."""
        return float(np.log1p((self.size - 0.5) / 1.5))
