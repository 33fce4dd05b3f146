from __future__ import annotations

from sse_atlas.ingest.lines import lines_from_string
from sse_atlas.ingest.text import clean_text, logical_lines


def test_text_clean_markdown_leftovers() -> None:
    assert [
        clean_text("**Mme. Ana Aguirre**"),
        clean_text("le 6^{ème} principe"),
        clean_text("110 R\\$ (32 euros)"),
        clean_text("un *brainstorming* collectif"),
        clean_text("voir [le site](https://example.org/a_b)"),
    ] == [
        "Mme. Ana Aguirre",
        "le 6ème principe",
        "110 R$ (32 euros)",
        "un brainstorming collectif",
        "voir le site <https://example.org/a_b>",
    ]


def test_text_url_alone_on_next_line_joins_previous() -> None:
    lines = lines_from_string("Ana Aguirre. Directrice.\n<http://www.example.org/>\n")
    assert [line.text for line in logical_lines(lines)] == [
        "Ana Aguirre. Directrice. <http://www.example.org/>"
    ]


def test_text_pdf_hyphen_mark_resolved_with_vocabulary() -> None:
    text = (
        "une insertion socio\ufffeprofessionnelle\n\nla socio-professionnelle\n\n"
        "dévelop\ufffepement"
    )
    assert [line.text for line in logical_lines(lines_from_string(text))] == [
        "une insertion socio-professionnelle",
        "la socio-professionnelle",
        "développement",
    ]
