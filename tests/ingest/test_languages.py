"""The language tables: one per language, read into the structure patterns."""

from __future__ import annotations

from sse_atlas.ingest import patterns as p
from sse_atlas.ingest.languages import LANGUAGES

STRUCTURE_KEYS = sorted(LANGUAGES[0].structure)


def test_languages_every_table_has_every_structure_key() -> None:
    assert {t.language: sorted(t.structure) for t in LANGUAGES} == {
        t.language: STRUCTURE_KEYS for t in LANGUAGES
    }


def test_languages_codes_and_twelve_months_where_given() -> None:
    assert [(t.language, len(set(t.months.values())) in (0, 12)) for t in LANGUAGES] == [
        ("fr", True),
        ("es", True),
        ("en", True),
        ("pt", False),  # months spelt as in Spanish (abril, agosto...) are listed there
        ("ca", False),
        ("eu", True),
    ]


def test_languages_structure_words_in_english_and_spanish() -> None:
    assert (
        p.is_session_header("WORKSHOPS SESSION 2"),
        p.is_session_header("TALLERES SESIÓN 3"),
        p.match_day("Monday / October 1"),
        p.match_day("1 de octubre / Lunes"),
        p.COORDINATED.search("Workshop coordinated by OECD") is not None,
        p.COORDINATED.search("Taller coordinado por OCDE") is not None,
        p.MODERATOR_START.match("Moderadora: Ana") is not None,
    ) == (True, True, (1, 10, None), (1, 10, None), True, True, True)
