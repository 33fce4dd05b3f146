from __future__ import annotations

from sse_atlas.search.glossary import GLOSSARY
from sse_atlas.search.text import words


def _french(query: str, language: str) -> list[tuple[str, ...]]:
    return [e.french for e in GLOSSARY.expand(words(query), [language])]


def test_expand_phrase_before_words() -> None:
    assert _french("moneda social", "es") == [("monnaie", "sociale")]


def test_expand_basque_inflected_words_by_prefix() -> None:
    assert _french("emakumeen ekintzailetza", "eu") == [
        ("femmes",),
        ("entrepreneuriat", "entreprenariat", "entreprendre"),
    ]


def test_expand_skips_stop_words_inside_phrases() -> None:
    assert _french("a debit card", "en") == [("carte", "debit")]


def test_expand_unknown_words_give_nothing() -> None:
    assert _french("xyzzy plugh", "en") == []
