"""Entity resolution: merges only on evidence, every mention kept, and the evidence reported.

Expectations come from reading the GSEF 2018 catalogue: who appears twice under two spellings,
and who only shares a surname with someone else.
"""

from __future__ import annotations

import copy

import pytest

from sse_atlas.enrich.entities import (
    Merge,
    ResolutionReport,
    iter_involvements,
    natural_key,
    organisation_type,
    resolve_entities,
    resolve_entities_with_report,
)
from sse_atlas.ingest.catalogue import ParseResult
from sse_atlas.model import (
    Catalogue,
    Initiative,
    Involvement,
    Link,
    Organisation,
    Person,
    Place,
    Workshop,
    WorkshopKind,
)

Resolved = tuple[list[Organisation], list[Person], ResolutionReport, Catalogue]


@pytest.fixture(scope="module")
def resolved(seed: ParseResult) -> Resolved:
    catalogue = copy.deepcopy(seed.catalogue)  # resolution sets ids in place
    organisations, people, report = resolve_entities_with_report([catalogue])
    return organisations, people, report, catalogue


def _initiative(
    code: str,
    organisation: str | None,
    presenters: list[Involvement] | None = None,
    city: str | None = None,
    country: str | None = None,
    url: str | None = None,
) -> Initiative:
    links = [Link(as_written=url, url=url)] if url else []
    return Initiative(
        code=code,
        title=f"Initiative {code}",
        catalogue="test",
        organisation=organisation,
        place=Place(city=city, country_code=country),
        presenters=presenters or [],
        links=links,
    )


def _panel(code: str, *members: Involvement, coordinators: list[str] | None = None) -> Workshop:
    return Workshop(
        code=code,
        title=f"Workshop {code}",
        catalogue="test",
        kind=WorkshopKind.COORDINATED,
        coordinators=coordinators or [],
        panel=list(members),
    )


def _catalogue(
    initiatives: list[Initiative] | None = None, workshops: list[Workshop] | None = None
) -> Catalogue:
    return Catalogue(id="test", initiatives=initiatives or [], workshops=workshops or [])


def _rules(report: ResolutionReport) -> set[tuple[str, str, tuple[str, ...]]]:
    return {(m.kept, m.rule, tuple(sorted(m.names))) for m in report.merges}


# -- the seed catalogue --------------------------------------------------------------------------


def test_resolve_seed_merges_are_the_expected_ones(resolved: Resolved) -> None:
    _, _, report, _ = resolved
    assert _rules(report) == {
        ("organisation/mairie-de-praia", "same-council", ("Mairie de Praia", "Ville de Praia")),
        (
            "organisation/plateforme-des-acteurs-non-etatiques",
            "same-person",
            ("Plate-forme d'Agents non Étatiques", "Plateforme des acteurs non étatiques"),
        ),
        (
            "person/ronald-nsubuga-balimwezo",
            "typo",
            ("Ronal Nsubuga Balimwezo", "Ronald Nsubuga Balimwezo"),
        ),
        (
            "person/juan-carlos-diaz-macias",
            "name-extension",
            ("Juan Carlos Díaz", "Juan Carlos Díaz Macías"),
        ),
        ("person/dwinita-larasati", "short-form", ("Dwinita Larasati", "Tita Larasati")),
        (
            "person/elise-pierrette-memong-meno-epse-mpoung",
            "same-key",
            (
                "Elise Pierrette Memong Meno - Epse Mpoung",
                "Elise Pierrette Memong Meno Epse Mpoung",
            ),
        ),
    }


def test_resolve_seed_merges_record_their_evidence(resolved: Resolved) -> None:
    _, _, report, _ = resolved
    evidence = {m.kept: m.evidence for m in report.merges if m.rule != "same-key"}
    assert evidence == {
        "organisation/mairie-de-praia": ("both the city council of praia",),
        "organisation/plateforme-des-acteurs-non-etatiques": (
            "same person: malick-diop",
            "same kind: network",
            "same country: SN",
        ),
        "person/ronald-nsubuga-balimwezo": (
            "one letter dropped: ronal/ronald",
            "same city: kampala",
            "same country: UG",
        ),
        "person/juan-carlos-diaz-macias": (
            "same organisation: famsi",
            "same acronym: FAMSI",
            "same web domain: andaluciasolidaria.org",
        ),
        "person/dwinita-larasati": ("same acronym: BCCF", "same city: bandung", "same country: ID"),
    }


def test_resolve_seed_person_keeps_every_mention(resolved: Resolved) -> None:
    _, people, _, _ = resolved
    by_id = {person.id: person for person in people}
    assert by_id["person/juan-carlos-diaz-macias"] == Person(
        id="person/juan-carlos-diaz-macias",
        name="Juan Carlos Díaz Macías",
        aliases=["Juan Carlos Díaz"],
        roles=[
            "Coordinateur du département des programmes multilatéraux et du développement "
            "territorial"
        ],
        initiatives=[],
        workshops=["gsef2018-fr/3.4", "gsef2018-fr/7.4"],
    )
    assert by_id["person/ronald-nsubuga-balimwezo"] == Person(
        id="person/ronald-nsubuga-balimwezo",
        name="Ronald Nsubuga Balimwezo",
        aliases=["Ronal Nsubuga Balimwezo"],
        roles=["Maire", "Maire du District de Nawaka. Kampala"],
        initiatives=[],
        workshops=["gsef2018-fr/4.5", "gsef2018-fr/6.5"],
    )
    assert by_id["person/dwinita-larasati"] == Person(
        id="person/dwinita-larasati",
        name="Dwinita Larasati",
        aliases=["Tita Larasati"],
        roles=["Secrétaire générale", "Leader du Forum de création de la ville de Bandung (BCCF)"],
        initiatives=["gsef2018-fr/6.3.3"],
        workshops=["gsef2018-fr/2.5"],
    )


def test_resolve_seed_sets_merged_ids_on_records(resolved: Resolved) -> None:
    _, _, _, catalogue = resolved
    workshops = {w.code: w for w in catalogue.workshops}
    initiatives = {i.code: i for i in catalogue.initiatives}
    assert [
        workshops["6.5"].panel[2].person_id,
        workshops["7.4"].panel[1].person_id,
        workshops["2.5"].panel[1].person_id,
        initiatives["6.1.2"].organisation_id,
        initiatives["9.3.3"].organisation_id,
        initiatives["2.1.1"].organisation_id,
    ] == [
        "person/ronald-nsubuga-balimwezo",
        "person/juan-carlos-diaz-macias",
        "person/dwinita-larasati",
        "organisation/aeress-faedei",
        "organisation/aeress",
        None,
    ]


def test_resolve_seed_people_sharing_a_surname_stay_apart(resolved: Resolved) -> None:
    _, _, _, catalogue = resolved
    names = {
        "Eduardo Díaz",
        "César Díaz",
        "William Moreno",
        "William J. Nègre",
        "Jacinto Santos",
        "Oscar Humberto Évora Santos",
        "María López",
        "Marta López Abril",
        "Ariane Lim",
        "María Youngsin Lim",
        "Laura Espiau",
        "Gorka Espiau",
    }
    people = [who for _, _, who in iter_involvements(catalogue)]
    found = {p.name: p.person_id for p in people if p.name in names}
    assert found == {
        "Eduardo Díaz": "person/eduardo-diaz",
        "César Díaz": "person/cesar-diaz",
        "William Moreno": "person/william-moreno",
        "William J. Nègre": "person/william-j-negre",
        "Jacinto Santos": "person/jacinto-santos",
        "Oscar Humberto Évora Santos": "person/oscar-humberto-evora-santos",
        "María López": "person/maria-lopez",
        "Marta López Abril": "person/marta-lopez-abril",
        "Ariane Lim": "person/ariane-lim",
        "María Youngsin Lim": "person/maria-youngsin-lim",
        "Laura Espiau": "person/laura-espiau",
        "Gorka Espiau": "person/gorka-espiau",
    }


def test_resolve_seed_similar_organisations_stay_apart(resolved: Resolved) -> None:
    organisations, _, _, _ = resolved
    ids = {o.id for o in organisations}
    expected = {
        "organisation/chantier-de-l-economie-sociale",
        "organisation/fiducie-du-chantier-de-l-economie-sociale",
        "organisation/mairie-de-madrid",
        "organisation/mairie-de-marica",
        "organisation/lanki",
        "organisation/huhezi-universite-de-mondragon",
        "organisation/district-de-nakawa",
        "organisation/division-de-nakawa",
        "organisation/ripess",
        "organisation/wsm-ripess-mostcha",
    }
    assert ids & expected == expected


def test_resolve_seed_splits_parent_council_from_organisation(resolved: Resolved) -> None:
    organisations, _, _, _ = resolved
    by_id = {o.id: o for o in organisations}
    assert by_id["organisation/district-de-nakawa"] == Organisation(
        id="organisation/district-de-nakawa",
        name="District de Nakawa",
        type="local-government",
        country_code="UG",
        city="Kampala",
        workshops=["gsef2018-fr/4.5"],
    )
    assert by_id["organisation/ville-de-kampala"].workshops == ["gsef2018-fr/4.5"]


def test_resolve_seed_joint_project_stays_apart_from_its_members(resolved: Resolved) -> None:
    organisations, _, _, _ = resolved
    by_id = {o.id: o for o in organisations}
    assert (
        by_id["organisation/aeress"].initiatives,
        by_id["organisation/aeress-faedei"].initiatives,
    ) == (["gsef2018-fr/9.3.3"], ["gsef2018-fr/6.1.2"])


def test_resolve_is_deterministic(seed: ParseResult) -> None:
    first = resolve_entities_with_report([copy.deepcopy(seed.catalogue)])
    second = resolve_entities_with_report([copy.deepcopy(seed.catalogue)])
    assert first == second


def test_resolve_entities_is_the_report_without_merges(seed: ParseResult) -> None:
    organisations, people, _ = resolve_entities_with_report([copy.deepcopy(seed.catalogue)])
    assert resolve_entities([copy.deepcopy(seed.catalogue)]) == (organisations, people)


# -- rules, one at a time ------------------------------------------------------------------------


def test_natural_key_folds_honorifics_accents_case_and_dashes() -> None:
    assert [
        natural_key("Mme. Ana Aguirre"),
        natural_key("M. Roberto di Meglio"),
        natural_key("ÉMILIEN Gruet"),
        natural_key("Elise Pierrette Memong Meno - Epse Mpoung"),
    ] == [
        "ana-aguirre",
        "roberto-di-meglio",
        "emilien-gruet",
        "elise-pierrette-memong-meno-epse-mpoung",
    ]


def test_resolve_acronym_paired_by_the_document() -> None:
    long_form = "Réseau de collectivités territoriales par une économie solidaire - RTES"
    catalogue = _catalogue(
        [_initiative("1.1.1", long_form, city="Lille", country="FR")],
        [_panel("1.2", coordinators=["RTES"])],
    )
    organisations, _, report = resolve_entities_with_report([catalogue])
    assert [(o.id, o.name, o.aliases, o.type) for o in organisations] == [
        (
            "organisation/reseau-de-collectivites-territoriales-par-une-economie-solidaire-rtes",
            long_form,
            ["RTES"],
            "network",
        )
    ]
    assert [m.rule for m in report.merges] == ["acronym-pair"]


def test_resolve_case_variants_are_one_organisation() -> None:
    catalogue = _catalogue([_initiative("1.1.1", "Aeress"), _initiative("1.1.2", "AERESS")])
    organisations, _, report = resolve_entities_with_report([catalogue])
    assert [(o.id, o.name, o.aliases) for o in organisations] == [
        ("organisation/aeress", "Aeress", ["AERESS"])
    ]
    assert report.merges == [
        Merge(
            entity="organisation",
            kept="organisation/aeress",
            names=("Aeress", "AERESS"),
            rule="same-key",
            score=100.0,
            evidence=("same name once accents, case, honorifics and punctuation are folded",),
        )
    ]


def test_resolve_city_council_named_in_two_languages() -> None:
    catalogue = _catalogue(
        [
            _initiative("1.1.1", "Mairie de Barcelone", city="Barcelone", country="ES"),
            _initiative("1.1.2", "Ajuntament de Barcelona", city="Barcelona", country="ES"),
            _initiative("1.1.3", "Ayuntamiento de Madrid", city="Madrid", country="ES"),
        ]
    )
    organisations, _, report = resolve_entities_with_report([catalogue])
    assert [(o.id, o.aliases) for o in organisations] == [
        ("organisation/ayuntamiento-de-madrid", []),
        ("organisation/mairie-de-barcelone", ["Ajuntament de Barcelona"]),
    ]
    assert [(m.rule, m.evidence) for m in report.merges] == [
        ("same-council", ("both the city council of barcelona / barcelone",))
    ]


def test_resolve_council_of_a_city_elsewhere_is_not_merged() -> None:
    catalogue = _catalogue(
        [
            _initiative("1.1.1", "Mairie de Valence", city="Valence", country="FR"),
            _initiative("1.1.2", "Ayuntamiento de Valencia", city="Valencia", country="ES"),
        ]
    )
    organisations, _, _ = resolve_entities_with_report([catalogue])
    assert [o.id for o in organisations] == [
        "organisation/ayuntamiento-de-valencia",
        "organisation/mairie-de-valence",
    ]


def test_resolve_organisation_typo_in_the_same_city() -> None:
    catalogue = _catalogue(
        [
            _initiative("1.1.1", "District de Nakawa", city="Kampala", country="UG"),
            _initiative("1.1.2", "District de Nawaka", city="Kampala", country="UG"),
            _initiative("1.1.3", "District de Nawaki", city="Jinja", country="UG"),
        ]
    )
    organisations, _, report = resolve_entities_with_report([catalogue])
    assert [(o.id, o.aliases) for o in organisations] == [
        ("organisation/district-de-nakawa", ["District de Nawaka"]),
        ("organisation/district-de-nawaki", []),
    ]
    assert [(m.rule, m.score, m.evidence) for m in report.merges] == [
        ("typo", 88.9, ("one word misspelt: nakawa/nawaka", "same city: kampala"))
    ]


def test_resolve_person_typo_needs_more_than_similarity() -> None:
    ronald = Involvement(name="Ronald Nsubuga Balimwezo", country_code="UG")
    ronal = Involvement(name="Ronal Nsubuga Balimwezo", country_code="KE")
    _, people, report = resolve_entities_with_report(
        [_catalogue(workshops=[_panel("1.1", ronald), _panel("1.2", ronal)])]
    )
    assert [p.id for p in people] == [
        "person/ronal-nsubuga-balimwezo",
        "person/ronald-nsubuga-balimwezo",
    ]
    assert report.merges == []


def test_resolve_person_letter_dropped_in_the_same_country() -> None:
    ronald = Involvement(name="Ronald Nsubuga Balimwezo", country_code="UG")
    ronal = Involvement(name="Ronal Nsubuga Balimwezo", country_code="UG")
    _, people, report = resolve_entities_with_report(
        [_catalogue(workshops=[_panel("1.1", ronald), _panel("1.2", ronal)])]
    )
    assert [(p.id, p.aliases) for p in people] == [
        ("person/ronald-nsubuga-balimwezo", ["Ronal Nsubuga Balimwezo"])
    ]
    assert [(m.rule, m.evidence) for m in report.merges] == [
        ("typo", ("one letter dropped: ronal/ronald", "same country: UG"))
    ]


def test_resolve_people_sharing_only_a_surname_stay_apart() -> None:
    eduardo = Involvement(name="Eduardo Díaz", role="FAMSÍ")
    cesar = Involvement(name="César Díaz", role="FAMSÍ")
    _, people, report = resolve_entities_with_report(
        [_catalogue(workshops=[_panel("1.1", eduardo, cesar)])]
    )
    assert [p.id for p in people] == ["person/cesar-diaz", "person/eduardo-diaz"]
    assert report.merges == []


def test_resolve_monsieur_and_madame_stay_apart() -> None:
    daniel = Involvement(name="Daniel Pereira", honorific="M.", role="REAS")
    daniela = Involvement(name="Daniela Pereira", honorific="Mme.", role="REAS")
    _, people, _ = resolve_entities_with_report(
        [_catalogue(workshops=[_panel("1.1", daniel), _panel("1.2", daniela)])]
    )
    assert [p.id for p in people] == ["person/daniel-pereira", "person/daniela-pereira"]


def test_resolve_longer_name_needs_a_shared_organisation() -> None:
    short = Involvement(name="Juan Carlos Díaz", role="Ayuntamiento de Córdoba")
    full = Involvement(name="Juan Carlos Díaz Macías", role="Université de Séville")
    _, people, _ = resolve_entities_with_report(
        [_catalogue(workshops=[_panel("1.1", short), _panel("1.2", full)])]
    )
    assert [p.id for p in people] == [
        "person/juan-carlos-diaz",
        "person/juan-carlos-diaz-macias",
    ]


def test_resolve_short_name_joins_one_longer_name_only() -> None:
    short = Involvement(name="Juan Carlos Díaz", role="FAMSÍ")
    macias = Involvement(name="Juan Carlos Díaz Macías", role="FAMSÍ")
    perez = Involvement(name="Juan Carlos Díaz Pérez", role="FAMSÍ")
    _, people, _ = resolve_entities_with_report(
        [_catalogue(workshops=[_panel("1.1", short), _panel("1.2", macias), _panel("1.3", perez)])]
    )
    assert [(p.id, p.aliases) for p in people] == [
        ("person/juan-carlos-diaz-macias", ["Juan Carlos Díaz"]),
        ("person/juan-carlos-diaz-perez", []),
    ]


def test_resolve_nickname_needs_shared_context() -> None:
    tita = Involvement(name="Tita Larasati", role="Leader (BCCF)", country_code="ID")
    dwinita = Involvement(name="Dwinita Larasati", role="Secrétaire générale")
    forum = _initiative("1.1.1", "Bandung Creative City Forum", [dwinita], "Bandung", "ID")
    alone = Involvement(name="Tita Larasati", role="Architecte", country_code="NL")
    merged = resolve_entities_with_report([_catalogue([forum], [_panel("1.2", tita)])])[1]
    apart = resolve_entities_with_report(
        [_catalogue([copy.deepcopy(forum)], [_panel("1.2", alone)])]
    )[1]
    assert [(p.id, p.aliases) for p in merged] == [("person/dwinita-larasati", ["Tita Larasati"])]
    assert [p.id for p in apart] == ["person/dwinita-larasati", "person/tita-larasati"]


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Mairie de Lyon", "local-government"),
        ("Intendance de Montevideo", "local-government"),
        ("Generalitat de Catalogne", "local-government"),
        ("Ausolan S. Coop.", "cooperative"),
        ("GSD cooperativa", "cooperative"),
        ("Tangente Grupo Cooperativo", "cooperative"),
        ("Réseau national de l'ESS", "network"),
        ("Plate-forme d'Économie Solidaire Guatemala", "network"),
        ("Université de Liverpool", "university-research"),
        ("Swarthmore College", "university-research"),
        ("Association coréenne de Gouvernements Locaux", "association-ngo"),
        ("Human Resource Development Foundation", "association-ngo"),
        ("Serenos Gijón S.L.L.", "enterprise"),
        ("Grupo SSI", "enterprise"),
        ("OCDE", "international-organisation"),
        ("Comité de Développement Local d'UCLG", "international-organisation"),
        ("Commission Européenne", "international-organisation"),
        ("Ministère de l'Intérieur et de la Sécurité", "government"),
        ("Bandung Creative City Forum", None),
        ("Laboral Kutxa", None),
    ],
)
def test_organisation_type_from_name(name: str, expected: str | None) -> None:
    assert organisation_type(name) == expected


def test_resolve_another_first_name_one_letter_away_is_not_a_typo() -> None:
    jean = Involvement(name="Jean Durand", role="Coordinateur", country_code="FR")
    juan = Involvement(name="Juan Durand", role="Coordinador", country_code="FR")
    _, people, report = resolve_entities_with_report(
        [_catalogue(workshops=[_panel("1.1", jean), _panel("1.2", juan)])]
    )
    assert [p.id for p in people] == ["person/jean-durand", "person/juan-durand"]
    assert report.merges == []
