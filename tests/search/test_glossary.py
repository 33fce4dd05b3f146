from __future__ import annotations

from sse_atlas.search.glossary import GLOSSARY, hand_rows, vocabulary_rows
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


def test_expand_vocabulary_label_in_german() -> None:
    assert _french("Frauen", "de") == [("femmes",)]


def test_expand_vocabulary_label_joining_two_notions_names_each() -> None:
    assert (_french("rifugiati", "it"), _french("migranti e rifugiati", "it")) == (
        [("migrants", "refugies")],
        [("migrants", "refugies")],
    )


def test_expand_sdg_name_in_catalan() -> None:
    assert _french("igualtat de gènere", "ca") == [("egalite", "sexes")]


def test_hand_rows_and_vocabulary_rows_load() -> None:
    hand, published = hand_rows(), vocabulary_rows()
    assert (len(hand) >= 150, len(published) >= 60, hand[0].french) == (True, True, "economie")
