"""Undoing a converter's line wraps: widths, page furniture, hyphens and broken URLs."""

from __future__ import annotations

import textwrap

from sse_atlas.ingest.furniture import find_furniture
from sse_atlas.ingest.lines import SourceLine, lines_from_string
from sse_atlas.ingest.text import Vocabulary, logical_lines, wrap_width

PARAGRAPH = (
    "Le projet de la coopérative vise à renforcer les liens entre les habitants du quartier et "
    "les entreprises locales de l'économie sociale et solidaire, avec le soutien de la mairie. "
)


def test_text_wraps_width_is_the_longest_line_of_several_words() -> None:
    lines = ["a" * 30 + " " + "b" * 29] * 10 + ["c" * 25 + " " + "d" * 24] * 20
    assert wrap_width([*lines, "<https://www.example.org/" + "a" * 80 + ">"]) == 60


def test_text_wraps_paragraph_per_line_has_no_width() -> None:
    assert wrap_width([PARAGRAPH * 2] * 30) is None


def test_text_wraps_page_numbers_follow_each_other() -> None:
    texts = ["2", "la Réserve de la Biosphère, objectif", "2030", "texte", "4", "suite", "6"]
    assert sorted(find_furniture(texts)) == [0, 4, 6]


def test_text_wraps_repeated_last_word_of_titles_is_not_furniture() -> None:
    texts: list[str] = []
    for page in range(1, 7):
        filler = ["texte"] * 5
        texts += [
            "Forum Mondial",
            *filler,
            "Un titre sur l'économie",
            "Sociale",
            *filler,
            str(page),
        ]
    found = {texts[i] for i in find_furniture(texts)}
    assert found == {"Forum Mondial", "1", "2", "3", "4", "5", "6"}


def test_text_wraps_hyphen_is_decided_by_the_documents_spelling() -> None:
    vocabulary = Vocabulary(["le développement socio-professionnel, la coopération, l'évaluation"])
    pairs = [
        ("dévelop", "pement"),
        ("socio", "professionnelle"),
        ("coopéra", "tion"),
        ("auto", "évaluation"),
        ("co", "ntrôle"),
        ("Vitoria", "Gasteiz"),
        ("intégrons", "nous"),
        ("répond", "il"),
    ]
    assert [vocabulary.keeps_hyphen(head, tail) for head, tail in pairs] == [
        False,
        True,
        False,
        True,
        False,
        True,
        True,
        True,
    ]


def test_text_wraps_url_broken_at_a_hyphen_is_joined_whole() -> None:
    lines = lines_from_string(
        "Aliria Ramos. Technicienne. <https://fr.db-\ncity.com/Cap-Vert-Praia>\n\n"
        "Young Kim. Directeur. https://avpn.asia/organisation/association-\nof-korean-local/\n"
    )
    assert [line.text for line in logical_lines(lines)] == [
        "Aliria Ramos. Technicienne. <https://fr.db-city.com/Cap-Vert-Praia>",
        "Young Kim. Directeur. https://avpn.asia/organisation/association-of-korean-local/",
    ]


def test_text_wraps_dash_that_did_not_fit_carries_the_line_on() -> None:
    wrapped = textwrap.wrap(PARAGRAPH * 12, 64)
    text = "\n".join(
        [*wrapped, "Réseau de collectivités territoriales par une économie solidaire", "- RTES."]
    )
    assert logical_lines(lines_from_string(text))[-1].text.endswith("solidaire - RTES.")


def test_text_wraps_pdf_footer_glued_after_a_hyphen_is_dropped() -> None:
    lines: list[SourceLine] = []
    for page in range(1, 4):
        body = [f"Ce programme s'attache à résou\ufffeGSEF 2018 · Résumé · {page}", ""]
        lines += [SourceLine(len(lines) + 1, text, page) for text in body]
        lines.append(SourceLine(len(lines) + 1, "dre les problèmes sociaux.", page + 1))
    assert [line.text for line in logical_lines(lines)] == [
        "Ce programme s'attache à résoudre les problèmes sociaux."
    ] * 3


def test_text_wraps_full_line_before_a_capital_is_a_marked_wrap() -> None:
    wrapped = textwrap.wrap(PARAGRAPH * 12, 64)
    full = "La coopération entre les villes et les entreprises de la région"  # 63 of 64
    text = "\n".join([*wrapped, full, "Koopera. Munguía, Pays Basque, Espagne"])
    line = logical_lines(lines_from_string(text))[-1]
    assert (line.text[-20:], [(w.line, w.previous_line) for w in line.wraps]) == (
        "Pays Basque, Espagne",
        [(len(wrapped) + 2, len(wrapped) + 1)],
    )


def test_text_wraps_blank_separated_document_has_no_marked_wraps() -> None:
    wrapped = textwrap.wrap(PARAGRAPH * 12, 64)
    text = "\n\n".join(["\n".join(wrapped[i : i + 3]) for i in range(0, len(wrapped), 3)])
    assert [line.wraps for line in logical_lines(lines_from_string(text))] == [()] * (
        (len(wrapped) + 2) // 3
    )


def test_text_wraps_heading_of_uneven_lines_goes_on_in_capitals() -> None:
    # a PDF's text layer through a converter: lines of proportional type, uneven in characters
    words = (PARAGRAPH * 12).split()
    body, line = [], ""
    for index, word in enumerate(words):
        if len(line) > 70 + 7 * (index % 4):
            body.append(line)
            line = ""
        line = f"{line} {word}".strip()
    texts = [
        *body,
        "1.3.2 Alliance pour la protection sociale dans le cadre de l'axe de l'Économie",
        "Sociale et Solidaire",
        *body,
    ]
    lines = [SourceLine(n, text) for n, text in enumerate(texts, start=1)]
    heading = [line.text for line in logical_lines(lines) if line.text.startswith("1.3.2")]
    assert heading[0].startswith("1.3.2 Alliance pour la protection sociale dans le cadre de "
                                 "l'axe de l'Économie Sociale et Solidaire")  # fmt: skip
