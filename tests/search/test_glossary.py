from __future__ import annotations

import pytest

from sse_atlas.search.glossary import (
    GLOSSARY,
    Glossary,
    Row,
    hand_rows,
    read_hand_rows,
    vocabulary_rows,
)
from sse_atlas.search.text import words


def _french(query: str, language: str, glossary: Glossary = GLOSSARY) -> list[tuple[str, ...]]:
    return [e.french for e in glossary.expand(words(query), [language])]


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
    published = Glossary(vocabulary_rows())  # the hand rows translate "rifugiati" alone
    assert (
        _french("rifugiati", "it", published),
        _french("migranti e rifugiati", "it", published),
    ) == (
        [("migrants", "refugies")],
        [("migrants", "refugies")],
    )


def test_expand_sdg_name_in_catalan() -> None:
    assert _french("igualtat de gènere", "ca") == [("egalite", "sexes")]


def test_hand_rows_and_vocabulary_rows_load() -> None:
    hand, published = hand_rows(), vocabulary_rows()
    assert (len(hand) >= 150, len(published) >= 60, hand[0].french) == (True, True, "economie")


def test_expand_hand_rows_in_italian_and_german() -> None:
    assert (_french("economia circolare", "it"), _french("Kreislaufwirtschaft", "de")) == (
        [("economie", "circulaire")],
        [("economie", "circulaire")],
    )


def test_hand_rows_have_every_language_column() -> None:
    missing = [row.french for row in hand_rows() if len(row.phrases) != 8]
    assert missing == []


_ROW = "paix | peace | paz | paz | pau | bake | pace | Frieden"


def testread_hand_rows_with_a_comment_each() -> None:
    assert read_hand_rows(f"# header\n#: why\n{_ROW}\n") == (
        Row(
            "paix",
            {
                "fr": ("paix",),
                "en": ("peace",),
                "es": ("paz",),
                "pt": ("paz",),
                "ca": ("pau",),
                "eu": ("bake",),
                "it": ("pace",),
                "de": ("Frieden",),
            },
        ),
    )


def testread_hand_rows_without_a_comment_names_the_line() -> None:
    with pytest.raises(ValueError) as raised:
        read_hand_rows(f"# header\n#: why\n{_ROW}\n{_ROW}\n")
    assert str(raised.value) == "glossary.txt:4: a row needs a '#:' line above it saying why"
