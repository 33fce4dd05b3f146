from __future__ import annotations

from sse_atlas.search.query import MAX_CHARS, MAX_WORDS, clean, detect_language, parse

HOSTILE = [
    "",
    " ",
    '"',
    '"unbalanced',
    "AND",
    "OR NOT AND",
    "(",
    ")(",
    "*",
    "econ*",
    "NEAR(",
    "NEAR(a b, 3)",
    "title:monnaie",
    "-",
    "+++",
    "^2",
    "\\",
    "'; DROP TABLE initiatives; --",
    "\x00\x01\x02\x1b[31m",
    "\u200b\u200e\ufeff",
    "🙂🌍💶",
    "moneda 🙂 social",
    "\ud800",
    "a" * 5000,
    "monnaie " * 1000,
    "{}[]<>|&~!@#$%^",
    "%s %d {0}",
    "\n\t\r",
]


def test_parse_hostile_inputs_never_raise() -> None:
    for text in HOSTILE:
        parsed = parse(text)
        assert len(parsed.text) <= MAX_CHARS
        assert len(parsed.words) <= MAX_WORDS


def test_parse_engine_syntax_is_plain_text() -> None:
    assert parse('"monnaie" AND (sociale*) NEAR(').words == (
        "monnaie",
        "and",
        "sociale",
        "near",
    )


def test_clean_drops_control_and_format_characters() -> None:
    assert clean("moneda\x00\x1b social\u200b") == "moneda social"


def test_detect_language_of_short_queries() -> None:
    found = [
        detect_language(q)
        for q in (
            "¿qué iniciativas trabajan con personas con discapacidad?",
            "how can cities support social innovation?",
            "comment mesurer l'impact social ?",
            "finanças solidárias",
            "persones amb discapacitat",
            "emakumeen ekintzailetza",
        )
    ]
    assert found == ["es", "en", "fr", "pt", "ca", "eu"]


def test_detect_language_unsure_of_names() -> None:
    assert detect_language("Mondragon") is None
