"""What the sentence encoder is given: at most a bounded number of characters a text."""

from __future__ import annotations

from sse_atlas.search.semantic import MAX_ENCODER_CHARS, clip_for_encoder


def test_semantic_clip_keeps_short_text() -> None:
    assert clip_for_encoder("une coopérative") == "une coopérative"


def test_semantic_clip_cuts_after_whole_word() -> None:
    assert clip_for_encoder("aaa bbb ccc", limit=9) == "aaa bbb"


def test_semantic_clip_bounds_a_million_characters() -> None:
    text = "solidarité " * 100_000
    clipped = clip_for_encoder(text)
    assert (len(clipped) <= MAX_ENCODER_CHARS, text.startswith(clipped)) == (True, True)


def test_semantic_clip_text_without_spaces() -> None:
    assert clip_for_encoder("x" * 50, limit=10) == "x" * 10
