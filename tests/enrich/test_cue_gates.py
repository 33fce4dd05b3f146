"""The cue gate never skips a pattern that matches a text."""

from __future__ import annotations

import re

from sse_atlas.enrich.classify import _CUE_TABLES, _fold_text
from sse_atlas.enrich.cue_gates import gate, may_match, word_starts
from sse_atlas.ingest.catalogue import ParseResult


def test_gate_of_cues_is_their_literal_starts() -> None:
    assert (
        gate(r"logements?\b|ag|micro-?financ|mujer(?:es)?\b"),
        gate(r"(?:a|b)c|x"),
        gate(r"\d+ ans"),
    ) == (frozenset({"log", "ag", "mic", "muj"}), None, None)


def test_word_starts_of_a_folded_text() -> None:
    assert word_starts("le bo-x") == frozenset({"l", "le", "le ", "b", "bo", "bo-", "x"})


def test_gate_lets_through_every_pattern_that_matches_a_seed_text(seed: ParseResult) -> None:
    texts = [
        _fold_text(source, text)
        for initiative in seed.catalogue.initiatives
        for source, text in (
            ("title", initiative.title),
            ("description", initiative.description or ""),
            ("organisation", initiative.organisation or ""),
        )
    ]
    patterns = [
        cues for table in _CUE_TABLES.values() for pair in table.values() for cues in pair if cues
    ]
    missed = [
        (cues[:30], text.folded[:30])
        for cues in patterns
        for text in texts
        if re.search(rf"\b(?:{cues})", text.folded)
        and not may_match(gate(cues), word_starts(text.folded))
    ]
    skipped = sum(
        1
        for cues in patterns
        for text in texts
        if not may_match(gate(cues), word_starts(text.folded))
    )
    assert (missed, skipped > len(patterns) * len(texts) // 2) == ([], True)
