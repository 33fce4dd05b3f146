"""The enrichment pipeline: named steps, each reporting what it changed and why."""

from __future__ import annotations

import copy

import pytest

from sse_atlas.enrich.geocode import Geocoder, GeoResult
from sse_atlas.enrich.pipeline import (
    DEFAULT_STEPS,
    STEPS,
    Change,
    EnrichmentContext,
    Step,
    StepReport,
    UnknownStepError,
    available_steps,
    run_enrichment,
)
from sse_atlas.ingest.catalogue import ParseResult
from sse_atlas.model import Catalogue, Initiative, Place

SPANISH = (
    "La cooperativa trabaja con las personas del barrio y promueve el empleo para los jóvenes "
    "que buscan su primer trabajo en la economía social."
)


class FixedGeocoder(Geocoder):
    """A gazetteer of two cities, so tests never build the real index."""

    def __init__(self) -> None:
        super().__init__(use_cache=False)

    def locate(self, city: str | None, region: str | None, country_code: str | None) -> GeoResult:
        if city == "Kampala":
            return GeoResult(
                0.31628, 32.58219, "city", "Kampala", 232422, "Central Region", 0.95, 1, (),
                "'Kampala' is Kampala (Central Region, UG).",
            )  # fmt: skip
        return GeoResult(
            None, None, None, None, None, None, 0.0, 0, ("not-found",),
            f"{city!r} is not in the gazetteer.",
        )  # fmt: skip


def test_available_steps_include_places() -> None:
    assert (available_steps(), DEFAULT_STEPS) == (
        ["classification", "entities", "language", "links", "places"],
        ("entities", "links", "language"),
    )


def test_run_enrichment_seed_reports(seed: ParseResult) -> None:
    result = run_enrichment([copy.deepcopy(seed.catalogue)])
    entities, links, language = result.reports
    # every one of the 102 initiatives names an organisation or a presenter, and 12 of the 13
    # coordinated workshops name people (5.4 does not): 114 records get ids
    assert (entities.name, entities.changed) == ("entities", 114)
    merged = [change for change in entities.changes if not change.reason.startswith("natural")]
    assert merged == [
        Change(
            "gsef2018-fr/2.5",
            "panel[1].person_id",
            None,
            "person/dwinita-larasati",
            "short-form (82.8): same acronym: BCCF; same city: bandung; same country: ID",
        ),
        Change(
            "gsef2018-fr/6.5",
            "panel[2].person_id",
            None,
            "person/ronald-nsubuga-balimwezo",
            "typo (97.9): one letter dropped: ronal/ronald; same city: kampala; same country: UG",
        ),
        Change(
            "gsef2018-fr/7.4",
            "panel[1].person_id",
            None,
            "person/juan-carlos-diaz-macias",
            "name-extension (82.1): same organisation: famsi; same acronym: FAMSI; "
            "same web domain: andaluciasolidaria.org",
        ),
    ]
    assert (links.name, links.changed) == ("links", 5)
    assert [(c.record_id, c.field, c.new) for c in links.changes] == [
        ("gsef2018-fr/1.1.3", "links[0].problem", "suspect-domain:muni.ate.gob.pe"),
        ("gsef2018-fr/1.1.3", "links[1].problem", "suspect-domain:FEMLUP"),
        ("gsef2018-fr/4.4", "links[0].problem", "suspect-domain:UNRISD"),
        ("gsef2018-fr/5.5", "links[0].problem", "suspect-domain:WFTO"),
        ("gsef2018-fr/6.4", "panel[0].links[0].problem", "suspect-domain:ripess.org"),
        ("gsef2018-fr/6.4", "panel[1].links[0].problem", "suspect-domain:ripess.org"),
        ("gsef2018-fr/6.5", "panel[3].links[0].problem", "suspect-domain:muniate.gob.pe"),
    ]
    # ingest already gave every initiative a language
    assert language == StepReport("language", 0, [])


def test_run_enrichment_twice_changes_nothing_the_second_time(seed: ParseResult) -> None:
    catalogue = copy.deepcopy(seed.catalogue)
    first = run_enrichment([catalogue])
    second = run_enrichment([catalogue])
    assert [(r.name, r.changed, r.changes) for r in second.reports] == [
        ("entities", 0, []),
        ("links", 0, []),
        ("language", 0, []),
    ]
    assert (second.organisations, second.people) == (first.organisations, first.people)


def test_language_step_fills_only_missing_languages() -> None:
    catalogue = Catalogue(
        id="test",
        language="fr",
        initiatives=[
            Initiative(code="1.1.1", title="Cooperativa", catalogue="test", description=SPANISH),
            Initiative(code="1.1.2", title="Koopera", catalogue="test"),
            Initiative(code="1.1.3", title="Koopera", catalogue="test", language="en"),
        ],
    )
    result = run_enrichment([catalogue], steps=["language"])
    assert result.reports == [
        StepReport(
            "language",
            2,
            [
                Change(
                    "test/1.1.1", "language", None, "es", "the description's common words are es"
                ),
                Change(
                    "test/1.1.2",
                    "language",
                    None,
                    "fr",
                    "too little text to tell; the catalogue is in fr",
                ),
            ],
        )
    ]
    assert [i.language for i in catalogue.initiatives] == ["es", "fr", "en"]
    assert (result.organisations, result.people) == ([], [])


def test_places_step_sets_coordinates_with_the_geocoder_reason() -> None:
    kampala = Initiative(
        code="1.1.1", title="A", catalogue="test", place=Place(city="Kampala", country_code="UG")
    )
    nowhere = Initiative(code="1.1.2", title="B", catalogue="test", place=Place(city="Atlantis"))
    catalogue = Catalogue(id="test", initiatives=[kampala, nowhere])
    geocoder = FixedGeocoder()
    first = run_enrichment([catalogue], steps=["places"], geocoder=geocoder)
    reason = "'Kampala' is Kampala (Central Region, UG)."
    assert first.reports == [
        StepReport(
            "places",
            1,
            [
                Change("test/1.1.1", "place.latitude", None, 0.31628, reason),
                Change("test/1.1.1", "place.longitude", None, 32.58219, reason),
                Change("test/1.1.1", "place.precision", None, "city", reason),
            ],
        )
    ]
    assert kampala.place == Place(
        city="Kampala", country_code="UG", latitude=0.31628, longitude=32.58219, precision="city"
    )
    again = run_enrichment([catalogue], steps=["places"], geocoder=geocoder)
    assert again.reports == [StepReport("places", 0, [])]


def test_unknown_step_is_refused_before_anything_runs() -> None:
    catalogue = Catalogue(
        id="test", initiatives=[Initiative(code="1", title="A", catalogue="test")]
    )
    with pytest.raises(UnknownStepError, match="unknown enrichment step\\(s\\) astrology"):
        run_enrichment([catalogue], steps=["language", "astrology"])
    assert catalogue.initiatives[0].language is None


def test_a_step_plugs_in_by_name_and_sees_earlier_results() -> None:
    def count_organisations(context: EnrichmentContext) -> list[Change]:
        return [Change("all", "organisations", None, float(len(context.organisations)), "count")]

    catalogue = Catalogue(
        id="test",
        initiatives=[
            Initiative(code="1", title="A", catalogue="test", organisation="Mairie de Praia"),
            Initiative(code="2", title="B", catalogue="test", organisation="Ville de Praia"),
            Initiative(code="3", title="C", catalogue="test", organisation="Koopera"),
        ],
    )
    registry = {**STEPS, "census": Step("census", count_organisations, "test")}
    result = run_enrichment([catalogue], steps=["entities", "census"], registry=registry)
    assert result.report("census") == StepReport(
        "census", 1, [Change("all", "organisations", None, 2.0, "count")]
    )
    assert "census" not in STEPS


def test_classification_step_sets_labels_with_evidence() -> None:
    description = (
        "La Monnaie Sociale Mumbuca est la première Monnaie Sociale du Brésil implantée incluant "
        "une carte de débit. Ce programme de « finances solidaires » est un outil de lutte contre "
        "la pauvreté."
    )
    initiative = Initiative(
        code="7.1.4",
        title="Monnaie sociale MUMBUCA",
        catalogue="test",
        organisation="Mairie de Maricá",
        description=description,
    )
    catalogue = Catalogue(id="test", language="fr", initiatives=[initiative])
    result = run_enrichment([catalogue], steps=["classification"])
    report = result.report("classification")
    evidence_found = [
        label.evidence in description
        or label.evidence in initiative.title
        or label.evidence == "Mairie de Maricá"
        for label in initiative.labels
    ]
    assert (report is not None and report.changed == 1, initiative.themes) == (True, ["T3"])
    assert evidence_found == [True] * len(initiative.labels)
