"""The seed catalogue end to end, against expectations written by reading the document."""

from __future__ import annotations

import datetime as dt

from sse_atlas.ingest.catalogue import ParseResult
from sse_atlas.model import Initiative, Workshop, WorkshopKind


def _where(
    initiative: Initiative,
) -> tuple[str | None, str | None, str | None, str | None, str | None]:
    place = initiative.place
    return (initiative.organisation, place.city, place.region, place.country, place.country_code)


def _people(initiative: Initiative) -> list[tuple[str, str | None, list[str | None]]]:
    return [(p.name, p.role, [link.url for link in p.links]) for p in initiative.presenters]


def _roles(initiative: Initiative) -> list[tuple[str, str | None, str | None]]:
    return [(p.name, p.role, p.organisation) for p in initiative.presenters]


def test_catalogue_seed_metadata(seed: ParseResult) -> None:
    catalogue = seed.catalogue
    assert (
        catalogue.id,
        catalogue.title,
        catalogue.forum,
        catalogue.edition,
        catalogue.city,
        catalogue.start_date,
        catalogue.end_date,
        catalogue.language,
    ) == (
        "gsef2018-fr",
        "Résumé des initiatives présentées",
        "Global Social Economy Forum",
        2018,
        "Bilbao",
        dt.date(2018, 10, 1),
        dt.date(2018, 10, 3),
        "fr",
    )


def test_catalogue_seed_counts(seed: ParseResult) -> None:
    catalogue = seed.catalogue
    coordinated = [w.code for w in catalogue.workshops if w.kind is WorkshopKind.COORDINATED]
    assert (len(catalogue.initiatives), len(catalogue.workshops), len(catalogue.sessions)) == (
        102,
        42,
        9,
    )
    assert coordinated == [
        "2.4", "2.5", "3.4", "4.4", "4.5", "5.4", "5.5", "6.4", "6.5", "7.4", "8.4", "9.4", "9.5",
    ]  # fmt: skip


def test_catalogue_seed_stated_counts(seed: ParseResult) -> None:
    stated = seed.catalogue.stated
    assert (stated.initiatives, stated.countries, stated.coordinated_workshops) == (102, 36, 13)


def test_catalogue_days_missing_header_is_inferred(seed: ParseResult) -> None:
    days = [(d.date, d.label, d.sessions, d.inferred) for d in seed.catalogue.days]
    assert days == [
        (dt.date(2018, 10, 1), "1 Octobre / Lundi", [1, 2, 3], False),
        (dt.date(2018, 10, 2), "2 Octobre / Mardis", [4, 5, 6], False),
        (dt.date(2018, 10, 3), None, [7, 8, 9], True),
    ]
    kinds = [f.kind for f in seed.report.findings]
    assert "inferred-day" in kinds


def test_catalogue_session_dates_follow_days(seed: ParseResult) -> None:
    dates = {s.number: s.date for s in seed.catalogue.sessions}
    assert dates == {
        1: dt.date(2018, 10, 1), 2: dt.date(2018, 10, 1), 3: dt.date(2018, 10, 1),
        4: dt.date(2018, 10, 2), 5: dt.date(2018, 10, 2), 6: dt.date(2018, 10, 2),
        7: dt.date(2018, 10, 3), 8: dt.date(2018, 10, 3), 9: dt.date(2018, 10, 3),
    }  # fmt: skip


def test_catalogue_workshop_keeps_toc_and_body_titles(seed_workshops: dict[str, Workshop]) -> None:
    workshop = seed_workshops["2.4"]
    assert (workshop.title, workshop.toc_title) == (
        "Entreprenariat et Innovation Sociale",
        "OCDE - ENTREPREUNARIAT ET INNOVATION SOCIALE",
    )


def test_catalogue_two_organisations_on_one_line(seed_initiatives: dict[str, Initiative]) -> None:
    initiative = seed_initiatives["1.1.3"]
    assert _where(initiative) == ("Commune de District d'Ate", "Lima", None, "Pérou", "PE")
    assert initiative.co_organisations == ["FEMLUP"]
    assert _people(initiative) == [
        (
            "William Moreno",
            "Gérant de Coopération Technique Internationale",
            ["http://www.muniate.gob.pe/ate/principal.php"],
        ),
        ("Federico Pérez", None, ["http://www.femulp.org/"]),
    ]


def test_catalogue_location_line_shapes(seed_initiatives: dict[str, Initiative]) -> None:
    found = {code: _where(seed_initiatives[code]) for code in
             ["1.1.2", "1.3.2", "1.3.4", "4.3.3", "7.1.1", "7.3.1", "8.1.1", "3.2.3", "1.5.2",
              "9.1.4", "3.1.1", "5.2.2", "7.3.2", "2.3.1", "8.2.4"]}  # fmt: skip
    assert found == {
        "1.1.2": ("Koopera", "Munguía", "Pays Basque", "Espagne", "ES"),
        "1.3.2": ("Wsm-RIPESS-Mostcha", "District National", None, "République Dominicaine", "DO"),
        "1.3.4": ("Université de Liverpool", "Liverpool", None, "Royaume-Uni", "GB"),
        "4.3.3": ("Fiare Banca Ética", None, "Pays Basque", "Espagne", "ES"),
        "7.1.1": ("Mairie de Madrid", "Madrid", None, "Espagne", "ES"),
        "7.3.1": ("Swarthmore College", "Swarthmore", "PA", "États-Unis", "US"),
        "8.1.1": ("Mairie de Barcelone", "Barcelone", "Catalogne", "Espagne", "ES"),
        "3.2.3": ("Coopolis. Athénée Coopératif", "Barcelone", "Catalogne", "Espagne", "ES"),
        "1.5.2": ("Know One, Teach One", "Hanoi-Saïgon", None, "Vietnam", "VN"),
        "9.1.4": ("Consommateurs par le développement", "Lima - Huamanga - Ayacucho", None,
                  "Pérou", "PE"),
        "3.1.1": ("C.I.T.I.E.S.", "Montréal", None, "Canada", "CA"),
        "5.2.2": ("Ausolan S. Coop.", "Mondragón", "Pays Basque", "Espagne", "ES"),
        "7.3.2": ("Convergence Alternative Sociale et Solidaire pour la Paix", None, None,
                  "Colombie", "CO"),
        "2.3.1": ("Association coréenne de Gouvernements Locaux pour l'Économie Sociale et "
                  "Solidaire", None, None, None, None),
        "8.2.4": ("La Cuadra Provoca ciudad Ac.", "Mexico City", None, "Mexique", "MX"),
    }  # fmt: skip


def test_catalogue_entry_without_location_line(seed_initiatives: dict[str, Initiative]) -> None:
    initiative = seed_initiatives["2.1.1"]
    assert (_where(initiative), initiative.flags) == (
        (None, None, None, None, None),
        ["missing-location", "missing-url"],
    )
    assert _roles(initiative) == [
        (
            "Igor Ortega",
            "Chercheur Institut d'Études Coopératives LANKI",
            "Université de Mondragón-MU",
        )
    ]
    assert initiative.description is not None
    assert initiative.description.startswith("Le rapport commence par un exposé")


def test_catalogue_presenter_line_shapes(seed_initiatives: dict[str, Initiative]) -> None:
    found = {code: _people(seed_initiatives[code]) for code in ["1.3.4", "5.1.2", "7.3.2", "9.1.4"]}
    experts = "Experts en économie sociale"
    assert found == {
        "1.3.4": [
            ("Alan Southern", experts, ["https://www.liverpool.ac.uk/"]),
            ("Helen Heap", experts, ["https://www.liverpool.ac.uk/"]),
        ],
        "5.1.2": [
            (
                "Norma Alicia Roulin",
                "Directrice bureau Genève",
                ["http://www.odema.org/index.html"],
            ),
            ("Abdelmuna Abdelmoumni", "Vice-président", []),
        ],
        "7.3.2": [
            ("Alfredo Cadena", "Grupo coordinateur de la Convergence", []),
            ("César Díaz", "Directeur Exécutif", []),
        ],
        "9.1.4": [("Raúl Luna Rodriguez", "Coordinateur", [])],
    }


def test_catalogue_broken_url_is_kept_and_flagged(seed_initiatives: dict[str, Initiative]) -> None:
    links = [(x.as_written, x.url, x.problem) for x in seed_initiatives["9.3.1"].links]
    assert links == [("www.icoop.co op", "http://www.icoop.coop", "contains-space;missing-scheme")]


def test_catalogue_markup_is_removed(seed_initiatives: dict[str, Initiative]) -> None:
    mumbuca = seed_initiatives["7.1.4"].description or ""
    gsd = seed_initiatives["8.2.3"].description or ""
    assert ("110 R$ (32 euros)" in mumbuca, "R\\$" in mumbuca) == (True, False)
    assert ("(6ème principe)" in gsd, "^{" in gsd) == (True, False)


def test_catalogue_duplicate_entry_stored_once(seed: ParseResult) -> None:
    codes = [i.code for i in seed.catalogue.initiatives]
    duplicates = [(f.kind, f.record, f.line) for f in seed.report.findings if f.kind == "duplicate"]
    assert (codes.count("5.3.1"), duplicates) == (1, [("duplicate", "gsef2018-fr/5.3.1", 657)])
    assert (
        "duplicate-in-source"
        in next(i for i in seed.catalogue.initiatives if i.code == "5.3.1").flags
    )


def test_catalogue_provenance_lines(seed_initiatives: dict[str, Initiative]) -> None:
    source = seed_initiatives["1.1.1"].source
    assert source is not None
    assert (source.document, source.line_start, source.line_end) == ("gsef2018-fr.txt", 81, 87)


def test_catalogue_coordinated_workshop_with_moderator(seed_workshops: dict[str, Workshop]) -> None:
    workshop = seed_workshops["2.4"]
    moderator = workshop.moderator
    assert moderator is not None
    assert (
        workshop.item_code,
        workshop.coordinator,
        moderator.name,
        moderator.role,
        [(m.position, m.honorific, m.name) for m in workshop.panel],
    ) == (
        "2.4.1",
        "OCDE",
        "Antonella Noya",
        "Chef d'Unité",
        [
            (1, "Mme.", "Ellen Oetelmans"),
            (2, "M.", "Pascal Isoard Thomas"),
            (3, "M.", "Lance McNeill"),
            (4, "M.", "Risto Raivio"),
        ],
    )


def test_catalogue_panel_in_sections(seed_workshops: dict[str, Workshop]) -> None:
    workshop = seed_workshops["4.5"]
    sections = [s.title[:30] for s in workshop.sections if s.title]
    members = [(m.position, m.name, m.organisation, m.country_code) for m in workshop.panel[:3]]
    speakers = [(s.name, s.role) for s in workshop.speakers]
    assert sections == ["Perspective et politique des g", "Importance et rôle des agents "]
    assert members == [
        (1, "Oscar Humberto Évora Santos", "Ville de Praia", "CV"),
        (2, "Mahamane Toure", "Ville de Bamako", "ML"),
        (3, "Ronald Nsubuga Balimwezo", "District de Nakawa, Ville de Kampala", "UG"),
    ]
    assert speakers == [("Jean Pierre Elong Mbassi", "Secrétaire Général d'UCLG Afrique")]
    assert [m.section == workshop.sections[1].title for m in workshop.panel[3:]] == [True] * 6


def test_catalogue_coordinated_without_item_code(seed_workshops: dict[str, Workshop]) -> None:
    workshop = seed_workshops["5.5"]
    moderator = workshop.moderator
    assert moderator is not None
    assert (
        workshop.item_code,
        workshop.coordinators,
        (moderator.name, moderator.organisation),
        [(m.name, m.role) for m in workshop.panel],
    ) == (
        None,
        ["Fair Trade Advocacy Office", "World Fair Trade Organization"],
        ("María Ferrer", "Caritas"),
        [
            ("Carmen Rebollo Sánchez",
             "Directrice Générale de l'Institut Municipal de Consommation de la Mairie de Madrid"),
            ("María Youngsin Lim",
             "Coordinatrice Nationale de la Commission du Commerce Équitable de Corée"),
            ("Erinch Sahan",
             "Directeur général de l'Organisation Mondiale de Commerce Équitable (WFTO)"),
        ],
    )  # fmt: skip


def test_catalogue_coordinated_workshop_without_panel(seed_workshops: dict[str, Workshop]) -> None:
    workshop = seed_workshops["5.4"]
    assert (workshop.kind, workshop.coordinator, workshop.panel, workshop.flags) == (
        WorkshopKind.COORDINATED,
        "Commission Européenne",
        [],
        ["missing-panel"],
    )


def test_catalogue_back_matter_is_not_an_entry(seed_workshops: dict[str, Workshop]) -> None:
    panel = [m.name for m in seed_workshops["9.5"].panel]
    assert panel == [
        "Lucía Castillo",
        "Carlos Ubaldo Zuñiga",
        "Luz Mery López Pascagaza",
        "Gorka Espiau",
        "Carlos Mataix",
    ]


def test_catalogue_role_and_organisation_printed_after_it(
    seed_initiatives: dict[str, Initiative], seed_workshops: dict[str, Workshop]
) -> None:
    panel = {m.position: (m.role, m.organisation) for m in seed_workshops["7.4"].panel}
    inaise = [(m.role, m.organisation) for m in seed_workshops["8.4"].panel]
    unrisd = seed_workshops["4.4"].panel[1]
    assert (
        _roles(seed_initiatives["1.1.2"]),
        _roles(seed_initiatives["9.2.2"]),
        _roles(seed_initiatives["1.3.2"]),
    ) == (
        [("Javier Mariño", "Gérant", "Koopera")],
        [("Elia Maria Irigoyen", "Coordinatrice de l'incubateur", "IDIT-Ibero")],
        [("Maria Martínez", None, "Red-WSM-Solidarité Mondiale")],
    )
    assert (panel[1], panel[2], panel[3]) == ((None, "UCGL"), (None, "FAMSÍ"), (None, "SADECO"))
    assert inaise == [("Président", "INAISE"), ("Président", "FEBEA"), ("Directeur", "RENFORCER")]
    assert (unrisd.role, unrisd.organisation) == (
        "Directrice de l'Institut Karl Polanyi d'Économie Politique",
        "Université de Concordia",
    )
