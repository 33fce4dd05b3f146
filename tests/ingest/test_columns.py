"""Columns printed side by side in paged text are read one after the other."""

from __future__ import annotations

from sse_atlas.ingest.columns import split_columns
from sse_atlas.ingest.lines import SourceLine, lines_from_string


def _page(left: list[str], right: list[str]) -> str:
    rows = [f" {a:<40}    {b}".rstrip() for a, b in zip(left, right, strict=True)]
    return "\n".join(["              GSEF 2018", *rows]) + "\n\f"


LEFT = [f"gauche {n} avec des mots de la colonne" for n in range(10)]
RIGHT = [f"droite {n} suite du texte" for n in range(10)]


def test_columns_split_at_the_gutter_left_then_right() -> None:
    lines = split_columns(lines_from_string(_page(LEFT, RIGHT)))

    assert [line.text.strip() for line in lines if line.text] == ["GSEF 2018", *LEFT, *RIGHT]


def test_columns_lines_keep_their_source_line_and_page() -> None:
    lines = split_columns(lines_from_string(_page(LEFT, RIGHT) + _page(LEFT, RIGHT)))

    assert (lines[1], lines[11], lines[22]) == (
        SourceLine(2, " gauche 0 avec des mots de la colonne", 1),
        SourceLine(2, "droite 0 suite du texte", 1),
        SourceLine(13, " gauche 0 avec des mots de la colonne", 2),
    )


def test_columns_single_column_page_unchanged() -> None:
    text = "\n".join(f"Une ligne de texte numéro {n} sur toute la largeur" for n in range(12))
    lines = lines_from_string(text + "\n\f")

    assert split_columns(lines) == lines
