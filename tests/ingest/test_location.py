from __future__ import annotations

from sse_atlas.ingest.location import LocationLine, looks_like_location, parse_location
from sse_atlas.model import Place


def test_location_org_city_country() -> None:
    line = "Koopera. Munguía, Pays Basque, Espagne"
    assert parse_location(line) == LocationLine(
        organisation="Koopera",
        place=Place(city="Munguía", region="Pays Basque", country="Espagne", country_code="ES",
                    as_written=line),
    )  # fmt: skip


def test_location_org_only_without_country() -> None:
    line = "Réseau Exemple pour l'Économie Solidaire."
    assert parse_location(line) == LocationLine(
        organisation="Réseau Exemple pour l'Économie Solidaire", place=Place(as_written=line)
    )


def test_location_unknown_country_is_reported_not_guessed() -> None:
    line = "Coopérative Exemple. Ville, Atlantide"
    assert parse_location(line) == LocationLine(
        organisation="Coopérative Exemple",
        place=Place(city="Ville", country="Atlantide", as_written=line),
        problems=["unknown country 'Atlantide'"],
    )


def test_location_comma_separated_organisation() -> None:
    line = "Mairie de Lisbonne, Lisbonne, Portugal"
    assert parse_location(line) == LocationLine(
        organisation="Mairie de Lisbonne",
        place=Place(city="Lisbonne", country="Portugal", country_code="PT", as_written=line),
    )


def test_location_paragraph_is_not_a_location() -> None:
    paragraph = (
        "Le rapport commence par un exposé de l'évolution de la coopérative depuis ses débuts, "
        "en montrant les aspirations initiales de transformer la structure de l'entreprise."
    )
    assert (looks_like_location(paragraph), looks_like_location("Koopera. Bilbao, Espagne")) == (
        False,
        True,
    )
