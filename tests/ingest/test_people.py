from __future__ import annotations

from sse_atlas.ingest.people import (
    PersonPhrase,
    looks_like_presenter_line,
    parse_person,
    parse_presenters,
)
from sse_atlas.model import Link


def test_people_name_role_url() -> None:
    people, stray = parse_presenters("Marc Soudee. Président. <http://www.cigales-bretagne.org/>")
    link = Link("<http://www.cigales-bretagne.org/>", "http://www.cigales-bretagne.org/")
    assert (people, stray) == ([PersonPhrase("Marc Soudee", "Président", links=[link])], [])


def test_people_two_names_share_a_role() -> None:
    people, _ = parse_presenters("Ana Pérez et Luis Gómez. Chercheurs. Université de Lima")
    assert [(p.name, p.role, p.organisation) for p in people] == [
        ("Ana Pérez", "Chercheurs", "Université de Lima"),
        ("Luis Gómez", "Chercheurs", "Université de Lima"),
    ]


def test_people_role_spanning_dots_then_second_person() -> None:
    people, _ = parse_presenters(
        "Marie Dupont. Directrice. Réseau X. <http://a.org>. Paul Martin. <http://b.org/>"
    )
    assert [(p.name, p.role, p.organisation, [x.url for x in p.links]) for p in people] == [
        ("Marie Dupont", "Directrice", "Réseau X", ["http://a.org"]),
        ("Paul Martin", None, None, ["http://b.org/"]),
    ]


def test_people_panel_item_organisation_first() -> None:
    person = parse_person("Ville de Praia, Cap Vert. M. Oscar Humberto Évora Santos, Maire")
    assert person == PersonPhrase(
        name="Oscar Humberto Évora Santos",
        role="Maire",
        honorific="M.",
        organisation="Ville de Praia",
        country="Cap Vert",
        country_code="CV",
    )


def test_people_bold_item_without_dot_after_name() -> None:
    person = parse_person("Mme. Carmen Rebollo Sánchez Directrice Générale de l'Institut")
    assert (person.honorific, person.name, person.role) == (
        "Mme.",
        "Carmen Rebollo Sánchez",
        "Directrice Générale de l'Institut",
    )


def test_people_dash_inside_name_is_kept() -> None:
    person = parse_person("Mme. Elise Pierrette Memong Meno - Epse Mpoung")
    assert (person.name, person.role) == ("Elise Pierrette Memong Meno - Epse Mpoung", None)


def test_people_presenter_line_detection() -> None:
    assert [
        looks_like_presenter_line("Raúl Luna Rodriguez. Coordinateur"),
        looks_like_presenter_line("Objectifs."),
        looks_like_presenter_line("Le processus permet aux organismes de se fixer des objectifs."),
        looks_like_presenter_line("<http://www.example.org/>"),
    ] == [True, False, False, True]


def test_people_role_kept_whole_when_what_follows_is_not_a_name() -> None:
    assert [
        parse_person("Anne Roy. Conseiller Délégué. Développement local").role,
        parse_person("Ana Ruiz. Directrice Corporative des Relations, Services Juridiques").role,
    ] == [
        "Conseiller Délégué. Développement local",
        "Directrice Corporative des Relations, Services Juridiques",
    ]
