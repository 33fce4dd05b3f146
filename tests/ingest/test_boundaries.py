"""Cutting logical lines again where a line wrap glued two parts of an entry together."""

from __future__ import annotations

from sse_atlas.ingest.boundaries import (
    cut_before_prose,
    cut_presenter,
    is_prose,
    settle_initiative,
    split_heading,
)
from sse_atlas.ingest.text import LogicalLine


def wrapped(*pieces: str) -> LogicalLine:
    """Source lines 1, 2, ... joined as a converter's full lines would be."""
    line = LogicalLine(pieces[0], 1, 1)
    for number, piece in enumerate(pieces[1:], start=2):
        following = LogicalLine(piece, number, number)
        line = line.joined(following, f"{line.text} {piece}", wrap=True)
    return line


TITLE = "1.1.2 Innovation sociale et environnementale pour un développement"
LOCATION = "Koopera. Munguía, Pays Basque, Espagne"
PARAGRAPH = "Koopera emploie 594 personnes, dont 55% sont des profils d'insertion."
PRESENTER = "Javier Mariño. Gérant. <http://koopera.org/>"


def texts(lines: list[LogicalLine]) -> list[str]:
    return [line.text for line in lines]


def test_boundaries_location_glued_to_title_and_paragraph_is_cut_out() -> None:
    heading, tail = split_heading(wrapped(TITLE, LOCATION, PARAGRAPH))
    assert tail is not None
    assert (heading.text, texts(settle_initiative([tail]))) == (TITLE, [LOCATION, PARAGRAPH])


def test_boundaries_cut_keeps_source_lines() -> None:
    _, tail = split_heading(wrapped(TITLE, LOCATION, PARAGRAPH))
    assert tail is not None
    location, paragraph = settle_initiative([tail])
    assert [(line.line_start, line.line_end) for line in (location, paragraph)] == [
        (2, 2),
        (3, 3),
    ]


def test_boundaries_title_ending_on_a_country_keeps_it() -> None:
    heading, tail = split_heading(
        wrapped(
            "7.3.2 L'Économie Sociale et Solidaire dans le processus de paix de la",
            "Colombie",
            "Convergence Alternative Sociale et Solidaire pour la Paix. Colombie",
        )
    )
    assert (heading.text[-8:], tail.text if tail else None) == (
        "Colombie",
        "Convergence Alternative Sociale et Solidaire pour la Paix. Colombie",
    )


def test_boundaries_presenter_line_is_cut_from_the_paragraph_before_it() -> None:
    line = wrapped(
        PARAGRAPH,
        "Javier Mariño. Gérant de la coopérative Koopera,",
        "Bilbao. <http://koopera.org/>",
    )
    assert texts(cut_presenter(line)) == [
        PARAGRAPH,
        "Javier Mariño. Gérant de la coopérative Koopera, Bilbao. <http://koopera.org/>",
    ]


def test_boundaries_wrapped_presenter_line_stays_whole() -> None:
    line = wrapped(
        "Elisenda Vugué. Directrice Exécutive de la Innovation Socioéconomique.",
        "Barcelona Activa - <http://www.barcelonactiva.cat>",
    )
    assert texts(cut_presenter(line)) == [line.text]


def test_boundaries_paragraph_is_cut_from_the_coordinator_line() -> None:
    line = wrapped(
        "Atelier organisé par le Comité de Développement Local d'UCLG",
        "Présentation de projets liés à l'économie circulaire dans le secteur des",
    )
    assert texts(cut_before_prose(line)) == [
        "Atelier organisé par le Comité de Développement Local d'UCLG",
        "Présentation de projets liés à l'économie circulaire dans le secteur des",
    ]


def test_boundaries_moderator_role_in_title_case_is_not_prose() -> None:
    assert [
        is_prose("Internationale de Coopération pour le développement du Gouvernement Basque."),
        is_prose("Économie Sociale et Innovation"),
        is_prose("L'OCDE se centrera sur ces villes qui, au moyen de différentes analyses,"),
    ] == [False, False, True]


def test_boundaries_lines_without_wraps_are_left_alone() -> None:
    lines = [LogicalLine(LOCATION + " " + PARAGRAPH, 1, 1), LogicalLine(PRESENTER, 2, 2)]
    assert settle_initiative(lines) == lines
