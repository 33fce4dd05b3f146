"""Country names as catalogues print them -> ISO 3166-1 alpha-2 codes."""

from __future__ import annotations

import subprocess
import sys

import pytest

from sse_atlas.ingest import countries
from sse_atlas.ingest.countries import (
    CountryMatch,
    country_code,
    country_name,
    match_country,
    split_trailing_country,
)

WRITTEN_NAMES = {
    "République de Corée": "KR",
    "Corée du Sud": "KR",
    "Cap Vert": "CV",
    "États-Unis": "US",
    "Etats Unis": "US",
    "Pays-Bas": "NL",
    "Côte d'Ivoire": "CI",
    "Cote d’Ivoire": "CI",
    "Royaume-Uni": "GB",
    "République Dominicaine": "DO",
    "Équateur": "EC",
    "Haïti": "HT",
    "Brésil": "BR",
    "Mexique": "MX",
    "Inde": "IN",
    "Népal": "NP",
    "Vietnam": "VN",
    "Viêt Nam": "VN",
    "Algérie": "DZ",
    "Maroc": "MA",
    "Sénégal": "SN",
    "Ouganda": "UG",
    "Tanzanie": "TZ",
    "Suède": "SE",
    "Italie": "IT",
    "Belgique": "BE",
    "Argentine": "AR",
    "Uruguay": "UY",
    "Guatemala": "GT",
    "Pérou": "PE",
    "Colombie": "CO",
    "Indonésie": "ID",
    "Philippines": "PH",
    "Japon": "JP",
    "Canada": "CA",
    "Mali": "ML",
    "Cameroun": "CM",
    "Tunisie": "TN",
    "Espagne": "ES",
    "France": "FR",
    "España": "ES",
    "Estados Unidos": "US",
    "United States": "US",
    "USA": "US",
    "UK": "GB",
    "South Korea": "KR",
    "Korea, Republic of": "KR",
    "Corée, République de": "KR",
    "Russie": "RU",
    "Bolivie": "BO",
    "Iran": "IR",
    "Congo": "CG",
    "RDC": "CD",
    "République Démocratique du Congo": "CD",
    "Guinée-Bissau": "GW",
    "Guinée": "GN",
    "Niger": "NE",
    "Nigeria": "NG",
    "Dominique": "DM",
    "Soudan": "SD",
    "Soudan du Sud": "SS",
    "Mexico": "MX",
    "México": "MX",
    "Palestine": "PS",
    "Birmanie": "MM",
    "El Salvador": "SV",
    "Portugal": "PT",
    "Brasil": "BR",
}


@pytest.mark.parametrize(("name", "code"), list(WRITTEN_NAMES.items()))
def test_country_code_written_names(name: str, code: str) -> None:
    assert country_code(name) == code


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("Corée, République de", "KR"),
        ("Korea, Republic of", "KR"),
        ("Congo, République démocratique du", "CD"),
        ("Congo, The Democratic Republic of the", "CD"),
        ("Iran, République islamique d'", "IR"),
        ("Tanzania, United Republic of", "TZ"),
        ("Virgin Islands, British", "VG"),
        ("Palestine, État de", "PS"),
    ],
)
def test_country_code_inverted_forms(name: str, code: str) -> None:
    assert country_code(name) == code


@pytest.mark.parametrize(
    "name",
    [
        "CÔTE D’IVOIRE",
        "cote d'ivoire",
        "Côte-d'Ivoire",
        "Côte d‘Ivoire",
        "  Côte  d ' Ivoire ",
        "Co\u0302te d'Ivoire",  # decomposed accent
    ],
)
def test_country_code_case_accents_and_apostrophes(name: str) -> None:
    assert country_code(name) == "CI"


@pytest.mark.parametrize(
    "name",
    [
        "",
        "   ",
        "Pays Basque",
        "Catalogne",
        "Catalunya",
        "New York",
        "Québec",
        "Bretagne",
        "Angleterre",
        "Europe",
        "Amérique latine",
        "Kosovo",
        "Madrid",
        "Bilbao",
        "coopérative",
        "Espagnee",
        "Corée",  # North or South: never guessed
        "Korea",
        "New Mexico",
        "Nouvelle-Guinée",
        "Granada",
        "Salvador",
    ],
)
def test_country_code_unknown_is_none(name: str) -> None:
    assert country_code(name) is None


def test_match_country_keeps_the_name_as_written() -> None:
    assert match_country("  Corée, République de ") == CountryMatch(
        code="KR", as_written="Corée, République de", name="Korea, Republic of"
    )


def test_match_country_unknown_is_none() -> None:
    assert match_country("Pays Basque") is None


def test_match_country_english_name_from_pycountry() -> None:
    assert match_country("RDC") == CountryMatch(
        code="CD", as_written="RDC", name="Congo, The Democratic Republic of the"
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Org. Madrid Espagne", ("Org. Madrid", "Espagne", "ES")),
        (
            "X. District National. République Dominicaine",
            ("X. District National", "République Dominicaine", "DO"),
        ),
        ("Swarthmore, (PA) États-Unis.", ("Swarthmore, (PA)", "États-Unis", "US")),
        ("Pays Basque, Espagne", ("Pays Basque", "Espagne", "ES")),
        ("Cap Vert", ("", "Cap Vert", "CV")),
        ("Mexico City, Mexique", ("Mexico City", "Mexique", "MX")),
        ("Mairie de Praia. Praia, Cap Vert", ("Mairie de Praia. Praia", "Cap Vert", "CV")),
        (
            "Ministère de l'Intérieur et de la Sécurité. Séoul, République de Corée",
            ("Ministère de l'Intérieur et de la Sécurité. Séoul", "République de Corée", "KR"),
        ),
        (
            "Université de Liverpool. Liverpool. Royaume-Uni",
            ("Université de Liverpool. Liverpool", "Royaume-Uni", "GB"),
        ),
        ("RIPESS. Abidjan, Cote d’Ivoire", ("RIPESS. Abidjan", "Cote d’Ivoire", "CI")),
        (
            "Know One, Teach One. Hanoi-Saïgon, Vietnam",
            ("Know One, Teach One. Hanoi-Saïgon", "Vietnam", "VN"),
        ),
        ("Org. Bissau, Guinée-Bissau", ("Org. Bissau", "Guinée-Bissau", "GW")),
        ("Org. Conakry, Guinée", ("Org. Conakry", "Guinée", "GN")),
        ("Org. Niamey - Niger", ("Org. Niamey", "Niger", "NE")),
        ("Org. Lagos, Nigeria", ("Org. Lagos", "Nigeria", "NG")),
        ("Org. Roseau, Dominique", ("Org. Roseau", "Dominique", "DM")),
        ("Org. Juba, Soudan du Sud", ("Org. Juba", "Soudan du Sud", "SS")),
        ("Org. Juba, Sud-Soudan", ("Org. Juba", "Sud-Soudan", "SS")),
        ("Org. Khartoum, Soudan", ("Org. Khartoum", "Soudan", "SD")),
        ("Org. Kinshasa, RDC.", ("Org. Kinshasa", "RDC", "CD")),
        ("Org. Seoul, Korea, Republic of", ("Org. Seoul", "Korea, Republic of", "KR")),
        ("Org. Pago Pago, American Samoa", ("Org. Pago Pago", "American Samoa", "AS")),
        ("Org. Ciudad de México, México", ("Org. Ciudad de México", "México", "MX")),
        ("Org. San Salvador, El Salvador", ("Org. San Salvador", "El Salvador", "SV")),
        ("Org. Boston, USA . ", ("Org. Boston", "USA", "US")),
    ],
)
def test_split_trailing_country_examples(text: str, expected: tuple[str, str, str]) -> None:
    before, as_written, code = expected
    match = match_country(as_written)
    assert match is not None
    assert split_trailing_country(text) == (before, match)
    assert match.code == code


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        ". .",
        "Pays Basque",
        "Catalogne",
        "Bilbao, Pays Basque",
        "New York",
        "Québec",
        "Montréal, Québec",
        "Rennes, Bretagne",
        "Albuquerque, New Mexico",
        "Mexico City",
        "Ciudad de México",
        "Newark, New Jersey",
        "Belfast, Northern Ireland",
        "Port Moresby, Nouvelle-Guinée",
        "Providence, Rhode Island",
        "Universidad de Granada. Granada",
        "Org. Salvador",
        "Seoul, Korea",
        "Org (France)",
        "Le Forum a réuni des participants",
        "random words here",
    ],
)
def test_split_trailing_country_no_country_is_none(text: str) -> None:
    assert split_trailing_country(text) is None


def test_split_trailing_country_prefix_is_a_prefix_of_the_text() -> None:
    text = "  Gizatea. Bilbao, Pays Basque, Espagne. "
    split = split_trailing_country(text)
    assert split is not None
    before, match = split
    assert (before, match.as_written) == ("  Gizatea. Bilbao, Pays Basque", "Espagne")
    assert text.startswith(before)
    assert text[text.index(match.as_written) :].rstrip(". ") == match.as_written


@pytest.mark.parametrize(
    ("code", "language", "name"),
    [
        ("KR", "en", "South Korea"),
        ("KR", "fr", "Corée du Sud"),
        ("KR", "es", "Corea del Sur"),
        ("es", "fr", "Espagne"),
        ("US", "es", "Estados Unidos"),
    ],
)
def test_country_name_display_names(code: str, language: str, name: str) -> None:
    assert country_name(code, language) == name


def test_country_name_default_language_is_english() -> None:
    assert country_name("CV") == "Cape Verde"


@pytest.mark.parametrize("code", ["", "XX", "EU", "419", "XK", "IC"])
def test_country_name_not_iso_3166_1_is_none(code: str) -> None:
    assert country_name(code, "fr") is None


def test_country_name_unknown_language_raises() -> None:
    with pytest.raises(ValueError, match="unknown language"):
        country_name("FR", "xx-nowhere")


def test_index_builds_once() -> None:
    countries._index.cache_clear()
    for name in ("Espagne", "France", "Pays Basque", "Cap Vert"):
        country_code(name)
    split_trailing_country("Bilbao, Pays Basque, Espagne")
    assert countries._index.cache_info().misses == 1
    assert countries._index() is countries._index()


def test_index_only_iso_3166_1_codes() -> None:
    codes = {code for code in countries._index().values() if code is not None}
    assert codes <= set(countries._english_names())
    assert len(codes) == len(countries._english_names())


def test_import_does_not_build_the_index() -> None:
    # A fresh interpreter loads the module file alone (not the package around it): importing it
    # must neither build the index nor load pycountry or babel.
    script = f"""
import importlib.util, sys
spec = importlib.util.spec_from_file_location("countries", {countries.__file__!r})
module = importlib.util.module_from_spec(spec)
sys.modules["countries"] = module
spec.loader.exec_module(module)
print(module._index.cache_info().misses, "pycountry" in sys.modules, "babel" in sys.modules)
"""
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    assert result.stdout == "0 False False\n"
