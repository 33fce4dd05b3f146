"""Fusion of lexical and semantic evidence into one score, and the line under which nothing counts.

Both signals are brought to [0, 1] on absolute scales, so a score means the same whatever else
the collection holds: the lexical side mixes the share of the query's words a record contains
with its BM25F score relative to the best; the semantic side maps the cosine between a floor
(unrelated texts) and a ceiling (a paraphrase). The mix depends on the query's language: French
queries meet the French text word for word, others lean on the multilingual encoder.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

FloatArray = npt.NDArray[np.float32]
BoolArray = npt.NDArray[np.bool_]


@dataclass(frozen=True)
class Signals:
    """Per-document evidence for one query (None where a mode skips a side)."""

    lexical: FloatArray | None
    cosine: FloatArray | None
    coverage: FloatArray | None


@dataclass(frozen=True)
class Fusion:
    """Weights and thresholds, tuned on ``bench/judgements`` (see ``bench/relevance.py``)."""

    # share of the lexical side in the hybrid score, by query language ("" = unknown)
    lexical_weights: dict[str, float] = field(
        default_factory=lambda: {
            "fr": 0.6,
            "": 0.5,
            "en": 0.5,
            "es": 0.5,
            "pt": 0.5,
            "ca": 0.5,
            "eu": 0.5,
        }
    )
    expansion_weight: float = 0.8  # a lexicon translation counts less than the user's own word
    corrected_weight: float = 0.5  # a word put right by typo correction is a guess
    translation_weight: float = 1.0  # the translated query's vector beside the query's own
    cosine_ceiling: float = 0.5  # a cosine this far above the median is a sure match
    keep_ratio: float = 0.2  # records under this share of the best score are noise ...
    lexical_evidence: float = 0.34  # ... and so are those with under this share of the best
    # record's query words, unless the encoder finds them within this share of its best cosine
    semantic_evidence: float = 0.6
    min_cosine: float = 0.15  # never evidence below this cosine ...
    min_lift: float = 0.15  # ... unless it stands this far above the collection's median
    weak_cosine: float = 0.3  # the best record is weak below this cosine ...
    weak_coverage: float = 0.5  # ... when it also holds under this share of the query's words
    weak_ratio: float = 0.6  # a weak query keeps records within this share of the best ...
    weak_keep: int = 5  # ... and at most this many
    similar_lexical: float = 0.2  # share of shared title words in "similar" records

    def lexical_weight(self, language: str | None) -> float:
        return self.lexical_weights.get(language or "", self.lexical_weights[""])

    @staticmethod
    def median(cosine: FloatArray) -> float:
        """The collection's median cosine (sampled in large collections)."""
        return float(np.median(cosine)) if cosine.size < 20_000 else _sample_median(cosine)

    def semantic_part(self, cosine: FloatArray, middle: float | None = None) -> FloatArray:
        """Cosines from the collection's median (0) up to a sure match (1)."""
        if not cosine.size:
            return cosine
        middle = self.median(cosine) if middle is None else middle
        top = max(float(cosine.max()), middle + self.cosine_ceiling)
        part: FloatArray = np.clip((cosine - middle) / (top - middle), 0.0, 1.0).astype(np.float32)
        return part

    def lexical_part(self, lexical: FloatArray, coverage: FloatArray) -> FloatArray:
        best = float(lexical.max()) if lexical.size else 0.0
        if best <= 0.0:
            return np.zeros_like(lexical)
        return (0.5 * coverage + 0.5 * lexical / best).astype(np.float32) * (lexical > 0)

    def fuse(
        self, signals: Signals, mode: str, language: str | None
    ) -> tuple[FloatArray, BoolArray, bool]:
        """(scores, relevant records, whether even the best is a weak match)."""
        size = next((a.size for a in (signals.lexical, signals.cosine) if a is not None), 0)
        scores = np.zeros(size, dtype=np.float32)
        evidence = np.zeros(size, dtype=bool)
        top_cosine = top_coverage = 0.0
        lexical_weight = 0.0
        if signals.lexical is not None and signals.coverage is not None:
            lexical_weight = self.lexical_weight(language) if signals.cosine is not None else 1.0
            coverage = signals.coverage * (signals.lexical > 0)
            top_coverage = float(coverage.max()) if size else 0.0
            scores += lexical_weight * self.lexical_part(signals.lexical, coverage)
            evidence |= (coverage > 0) & (coverage >= self.lexical_evidence * top_coverage)
        if signals.cosine is not None:
            cosine = signals.cosine
            top_cosine = float(cosine.max()) if size else 0.0
            median = self.median(cosine) if size else 0.0
            scores += (1.0 - lexical_weight) * self.semantic_part(cosine, median)
            # short queries give low cosines everywhere: a record far above the median is
            # still evidence ("night watchmen" for a text on "veilleurs de nuit")
            absolute = min(self.min_cosine, median + self.min_lift)
            floor = max(absolute, self.semantic_evidence * top_cosine)
            evidence |= cosine >= floor
        best = float(scores.max()) if size else 0.0
        relevant = (scores >= self.keep_ratio * best) & (scores > 0) & evidence
        weak = top_cosine < self.weak_cosine and top_coverage < self.weak_coverage
        if weak and relevant.any():
            # nothing matches well: show the closest few, not a page of noise
            relevant &= scores >= self.weak_ratio * best
            rows = np.flatnonzero(relevant)
            if rows.size > self.weak_keep:
                keep = rows[np.argsort(-scores[rows], kind="stable")[: self.weak_keep]]
                relevant[:] = False
                relevant[keep] = True
        return scores, relevant, weak or not relevant.any()

    def similarity(self, lexical: FloatArray, cosine: FloatArray | None) -> FloatArray:
        best = float(lexical.max()) if lexical.size else 0.0
        shared = lexical / best if best > 0 else np.zeros_like(lexical)
        if cosine is None:
            return shared.astype(np.float32)
        part = self.similar_lexical
        return ((1 - part) * cosine + part * shared).astype(np.float32)


def _sample_median(values: FloatArray) -> float:
    """The median of a large array from an even sample of it (exact enough, 50x cheaper)."""
    step = max(1, values.size // 10_000)
    return float(np.median(values[::step]))


FUSION = Fusion()
