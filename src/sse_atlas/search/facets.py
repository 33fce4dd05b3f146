"""Facet filters and counts over boolean document masks.

Each facet is stored as (document, value) pairs in numpy arrays. Values are OR-ed within a
facet and AND-ed across facets; a facet's counts ignore its own selection (so the values a
user could add to it keep their counts) but honour every other facet's and the text query.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import numpy.typing as npt

from sse_atlas.search.documents import SearchDocument, facet_label
from sse_atlas.search.results import FACETS, FacetValue

BoolArray = npt.NDArray[np.bool_]


# Facets whose values read in their own order (dates, numbers); the others go by count.
_ORDERED = frozenset(("day", "session", "workshop", "sdg"))
FACET_LIMIT = 100  # values returned per facet (selected values always are)
# A facet of at most BITMAP_VALUES values counts with one bitmap of records per value (an AND
# and a popcount over n/64 words), learnt on first use: 16 MB for the facets of 1M records.
BITMAP_VALUES = 64
# A facet of more values (workshop, catalogue) counts, when under one record in SPARSE is
# chosen, the chosen records' own pairs (in record order: where each record's begin is learnt
# once) instead of testing every pair.
SPARSE = 8
Words = npt.NDArray[np.uint64]


def packed(flags: BoolArray) -> Words:
    """Booleans (along the last axis) as bits in 64-bit words, the last word zero-padded."""
    found = np.packbits(flags, axis=-1)
    pad = (-found.shape[-1]) % 8
    if pad:
        found = np.concatenate([found, np.zeros((*found.shape[:-1], pad), np.uint8)], axis=-1)
    words: Words = np.ascontiguousarray(found).view(np.uint64)
    return words


def _natural(value: str) -> tuple[object, ...]:
    parts: list[object] = []
    for piece in value.replace("/", ".").split("."):
        parts.append((0, int(piece), "") if piece.isdigit() else (1, 0, piece))
    return tuple(parts)


class FacetIndex:
    """Facet values of every document, and the masks and counts built from them."""

    def __init__(self, documents: Sequence[SearchDocument]) -> None:
        self.size = len(documents)
        self.values: dict[str, list[str]] = {}
        self._pairs: dict[str, tuple[npt.NDArray[np.int32], npt.NDArray[np.int32]]] = {}
        self._rank: dict[str, npt.NDArray[np.int64]] = {}
        for facet in FACETS:
            ids: dict[str, int] = {}
            rows: list[int] = []
            codes: list[int] = []
            for number, document in enumerate(documents):
                for value in document.facets.get(facet, ()):
                    rows.append(number)
                    codes.append(ids.setdefault(value, len(ids)))
            self.values[facet] = list(ids)
            # rank of each value in its facet's reading order, computed once
            ordered = sorted(ids, key=_natural if facet in _ORDERED else str)
            rank = np.empty(len(ids), dtype=np.int64)
            rank[[ids[value] for value in ordered]] = np.arange(len(ordered))
            self._rank[facet] = rank
            self._pairs[facet] = (
                np.asarray(rows, dtype=np.int32),
                np.asarray(codes, dtype=np.int32),
            )
        self.reset_caches()

    def reset_caches(self) -> None:
        """Forget what was learnt from the pairs (after they are set from outside)."""
        self._starts: dict[str, npt.NDArray[np.signedinteger[Any]] | None] = {}
        self._everything: dict[str, npt.NDArray[np.int64]] = {}  # counts over every record
        self._bits: dict[str, Words | None] = {}
        self._aligned: dict[str, bool] = {}  # one pair a record, in record order

    def mask(self, facet: str, selected: Sequence[str]) -> BoolArray:
        """Documents having any of the ``selected`` values of ``facet``."""
        rows, codes = self._pairs[facet]
        wanted = [i for i, value in enumerate(self.values[facet]) if value in set(selected)]
        mask = np.zeros(self.size, dtype=bool)
        if wanted:
            chosen = np.zeros(len(self.values[facet]), dtype=bool)
            chosen[wanted] = True
            mask[rows[chosen[codes]]] = True  # a look-up per pair: np.isin sorts
        return mask

    def counts(
        self,
        facet: str,
        within: BoolArray | None,
        chosen: npt.NDArray[np.intp] | None = None,
        bits: Words | None = None,
    ) -> npt.NDArray[np.int64]:
        """Records per value of ``facet``: of the mask ``within`` (``bits``: the same, packed,
        when the caller has it), or of the rows ``chosen`` (ascending; only their own pairs are
        read)."""
        rows, codes = self._pairs[facet]
        size = len(self.values[facet])
        if chosen is not None:
            starts = self._row_starts(facet)
            if starts is not None:
                begin = starts[chosen]
                lengths = starts[chosen + 1] - begin
                # every position begin[i] .. begin[i] + lengths[i] - 1, without a Python loop
                first = np.cumsum(lengths) - lengths
                positions = np.repeat(begin - first, lengths) + np.arange(int(lengths.sum()))
                return np.bincount(codes[positions], minlength=size)
            within = np.zeros(self.size, dtype=bool)
            within[chosen] = True
        if within is None:
            raise ValueError("counts need a mask or rows")
        if within.size and within.all():
            found = self._everything.get(facet)
            if found is None:
                found = self._everything[facet] = np.bincount(codes, minlength=size)
            return found
        values = self._value_bits(facet)
        if values is not None:
            words = bits if bits is not None else packed(within)
            counted: npt.NDArray[np.int64] = np.bitwise_count(values & words).sum(
                axis=1, dtype=np.int64
            )
            return counted
        if self._one_per_record(facet):
            return np.bincount(codes[within], minlength=size)
        return np.bincount(codes[within[rows]], minlength=size)

    def _value_bits(self, facet: str) -> Words | None:
        """One bitmap of records per value (values x words), for a facet of few values."""
        if facet not in self._bits:
            rows, codes = self._pairs[facet]
            size = len(self.values[facet])
            found = None
            if 0 < size <= BITMAP_VALUES and self.size:
                flags = np.zeros((size, self.size), dtype=bool)
                flags[codes, rows] = True
                # a record holding a value twice counts twice in the pairs, once in the bits
                if int(np.count_nonzero(flags)) == rows.size:
                    found = packed(flags)
            self._bits[facet] = found
        return self._bits[facet]

    def _one_per_record(self, facet: str) -> bool:
        if facet not in self._aligned:
            rows = self._pairs[facet][0]
            self._aligned[facet] = rows.size == self.size and bool(
                np.array_equal(rows, np.arange(self.size))
            )
        return self._aligned[facet]

    def _row_starts(self, facet: str) -> npt.NDArray[np.signedinteger[Any]] | None:
        """Where each record's pairs begin (the pairs are in record order; None if not)."""
        if facet not in self._starts:
            rows = self._pairs[facet][0]
            starts: npt.NDArray[np.signedinteger[Any]] | None = None
            if bool(np.all(rows[:-1] <= rows[1:])):
                # 4 bytes a record while the pairs allow it: 4 MB a facet at a million records
                wide = np.int32 if rows.size < 2**31 else np.int64
                starts = np.zeros(self.size + 1, dtype=wide)
                np.cumsum(np.bincount(rows, minlength=self.size), out=starts[1:])
            self._starts[facet] = starts
        return self._starts[facet]

    def filtered(
        self, base: BoolArray, filters: Mapping[str, Sequence[str]]
    ) -> tuple[BoolArray, dict[str, BoolArray]]:
        """The documents passing every filter, and each facet's own mask."""
        masks = {
            facet: self.mask(facet, values)
            for facet, values in filters.items()
            if facet in self._pairs and values
        }
        result = base.copy()
        for mask in masks.values():
            result &= mask
        return result, masks

    def facet_values(
        self,
        base: BoolArray,
        masks: Mapping[str, BoolArray],
        filters: Mapping[str, Sequence[str]],
    ) -> dict[str, list[FacetValue]]:
        """Counts of every facet value among ``base`` narrowed by the other facets' filters."""
        found: dict[str, list[FacetValue]] = {}
        sparse = np.count_nonzero(base) * SPARSE <= self.size
        hits: npt.NDArray[np.intp] | None = None
        base_bits: Words | None = None  # shared by every facet without a filter of another
        for facet in FACETS:
            others = [mask for other, mask in masks.items() if other != facet]
            if sparse and self._value_bits(facet) is None:
                rows = hits = np.flatnonzero(base) if hits is None else hits
                for mask in others:
                    rows = rows[mask[rows]]
                counts = self.counts(facet, None, rows)
            elif others:
                within = base.copy()
                for mask in others:
                    within &= mask
                counts = self.counts(facet, within)
            else:
                if base_bits is None:
                    base_bits = packed(base)
                counts = self.counts(facet, base, bits=base_bits)
            selected = set(filters.get(facet, ()))
            rank = self._rank[facet]
            shown = np.flatnonzero(counts)
            if facet in _ORDERED:
                shown = shown[np.argsort(rank[shown], kind="stable")]
            else:
                shown = shown[np.lexsort((rank[shown], -counts[shown]))]
            names = self.values[facet]
            chosen = [int(i) for i in shown[:FACET_LIMIT]]
            if selected and shown.size > FACET_LIMIT:
                chosen += [int(i) for i in shown[FACET_LIMIT:] if names[i] in selected]
            values = [
                FacetValue(
                    names[i], facet_label(facet, names[i]), int(counts[i]), names[i] in selected
                )
                for i in chosen
            ]
            known = {v.value for v in values}
            values += [
                FacetValue(v, facet_label(facet, v), 0, True) for v in sorted(selected - known)
            ]
            found[facet] = values
        return found
