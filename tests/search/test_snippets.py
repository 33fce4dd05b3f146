from __future__ import annotations

from sse_atlas.search.snippets import highlight


def test_highlight_wraps_matched_words() -> None:
    text = "La Monnaie Sociale Mumbuca est une monnaie."
    assert highlight(text, lambda w: w.lower() == "monnaie") == (
        "La [[Monnaie]] Sociale Mumbuca est une [[monnaie]]."
    )


def test_highlight_shows_the_richest_window_with_ellipses() -> None:
    text = " ".join(f"w{i}" for i in range(100)) + " cible fin"
    assert highlight(text, lambda w: w == "cible", window=6) == "… w96 w97 w98 w99 [[cible]] fin"


def test_highlight_without_match_shows_the_opening() -> None:
    assert highlight("un deux trois quatre", lambda w: False, window=2) == "un deux …"


def test_highlight_softens_brackets_of_the_text() -> None:
    assert highlight("a [[b]] c", lambda w: w == "c") == "a [ [b] ] [[c]]"
