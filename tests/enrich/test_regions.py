from __future__ import annotations

import pycountry

from sse_atlas.enrich.regions import CONTINENTS, UN_REGIONS, continent, un_region


def test_regions_known_countries() -> None:
    codes = ["SN", "ES", "FR", "PE", "DO", "VN", "US", "KR", "GB", "AU", "FJ", "MX", "EG"]
    assert [(continent(code), un_region(code)) for code in codes] == [
        ("Africa", "Western Africa"),
        ("Europe", "Southern Europe"),
        ("Europe", "Western Europe"),
        ("Americas", "South America"),
        ("Americas", "Caribbean"),
        ("Asia", "South-eastern Asia"),
        ("Americas", "Northern America"),
        ("Asia", "Eastern Asia"),
        ("Europe", "Northern Europe"),
        ("Oceania", "Australia and New Zealand"),
        ("Oceania", "Melanesia"),
        ("Americas", "Central America"),
        ("Africa", "Northern Africa"),
    ]


def test_regions_every_iso_country_but_antarctica() -> None:
    missing = sorted(c.alpha_2 for c in pycountry.countries if un_region(c.alpha_2) is None)
    assert missing == ["AQ"]


def test_regions_values_come_from_the_named_sets() -> None:
    codes = [c.alpha_2 for c in pycountry.countries if c.alpha_2 != "AQ"]
    assert {continent(code) for code in codes} == set(CONTINENTS)
    assert {un_region(code) for code in codes} == set(UN_REGIONS)


def test_regions_code_case_and_missing() -> None:
    assert (continent(" cm "), un_region("cm"), continent(None), un_region("ZZ")) == (
        "Africa",
        "Middle Africa",
        None,
        None,
    )
